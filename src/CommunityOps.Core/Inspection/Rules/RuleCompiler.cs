using CommunityOps.Inspection.Classifiers;
using CommunityOps.Inspection.Lexicons;
using CommunityOps.Resources;

namespace CommunityOps.Inspection.Rules;

/// <summary>
/// Turns rule definitions into rules: one switch over the rule type, plus what rules need while being
/// built: file references resolved (relative to the rule set file, "datasets:..." under the shared
/// datasets folder, "builtin:..." for shipped models), lexicons read once however many rules use them,
/// and the shared keyword indexes.
/// </summary>
internal sealed class RuleCompiler(string? baseDirectory, string? datasetsDirectory)
{
    public const string DatasetsPrefix = "datasets:";
    public const string BuiltinPrefix = "builtin:";

    private readonly Dictionary<string, Lexicon> _lexicons = new(StringComparer.Ordinal);

    public KeywordIndex.Builder Keywords { get; } = new();

    public ClassifierBank.Builder Classifiers { get; } = new();

    public static IReadOnlyList<string> Types { get; } =
        ["keywords", "regex", "contact", "classifier", "flood", "duplicate", "new_member", "mentions", "join_wave", "reply_timeout"];

    public Rule Compile(RuleDefinition definition)
    {
        var parameters = new RuleParameters(definition);
        Rule rule = definition.Type switch
        {
            "keywords" => new KeywordRule(definition, parameters, this),
            "regex" => new RegexRule(definition, parameters),
            "contact" => new ContactRule(definition, parameters, this),
            "classifier" => new ClassifierRule(definition, parameters, this),
            "flood" => new Behaviour.FloodRule(definition, parameters),
            "duplicate" => new Behaviour.DuplicateRule(definition, parameters),
            "new_member" => new Behaviour.NewMemberRule(definition, parameters, this),
            "mentions" => new Behaviour.MentionRule(definition, parameters),
            "join_wave" => new Behaviour.JoinWaveRule(definition, parameters),
            "reply_timeout" => new Staff.ReplyTimeoutRule(definition, parameters),
            _ => throw new CommunityOpsException(Errors.UnknownRuleType(definition.Name, definition.Type, string.Join(", ", Types))),
        };
        parameters.RejectUnknown();
        return rule;
    }

    public string ResolvePath(string reference)
    {
        if (reference.StartsWith(DatasetsPrefix, StringComparison.Ordinal))
        {
            var datasets = datasetsDirectory ?? DatasetsDirectory.Find(baseDirectory);
            return Path.Combine(datasets, reference[DatasetsPrefix.Length..]);
        }

        return Path.IsPathRooted(reference) || baseDirectory is null ? reference : Path.Combine(baseDirectory, reference);
    }

    public Lexicon Lexicon(string reference)
    {
        var path = ResolvePath(reference);
        if (!_lexicons.TryGetValue(path, out var lexicon))
        {
            lexicon = LexiconFile.Read(path);
            _lexicons[path] = lexicon;
        }

        return lexicon;
    }

    public TextClassifier Model(string reference) => reference.StartsWith(BuiltinPrefix, StringComparison.Ordinal)
        ? DefaultModels.Load(reference[BuiltinPrefix.Length..])
        : ClassifierModelFile.Read(ResolvePath(reference));
}
