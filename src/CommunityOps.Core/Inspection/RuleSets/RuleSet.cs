using CommunityOps.Inspection.Rules;
using CommunityOps.Resources;

namespace CommunityOps.Inspection.RuleSets;

/// <summary>
/// A parsed rule set file: named, versioned rules. File references inside rules resolve against
/// <see cref="BaseDirectory"/> (the file's folder). Compile it with <see cref="Inspector.Create"/>.
/// </summary>
public sealed record RuleSet(string Name, string Version, IReadOnlyList<RuleDefinition> Rules, string? BaseDirectory)
{
    public const string DefaultName = "default";

    /// <summary>The shipped rule set: lexicons, contact and link rules and the trained classifiers, tuned for precision.</summary>
    public static RuleSet Default => RuleSetParser.Parse(ReadDefaultJson(), "builtin:default", baseDirectory: null);

    /// <summary>"default" for the shipped rule set, else a path to a rule set JSON file.</summary>
    public static RuleSet Load(string fileOrDefault)
    {
        if (fileOrDefault == DefaultName)
        {
            return Default;
        }

        if (!File.Exists(fileOrDefault))
        {
            throw new CommunityOpsException(Errors.RuleSetNotFound(fileOrDefault));
        }

        return RuleSetParser.Parse(File.ReadAllText(fileOrDefault), fileOrDefault, Path.GetDirectoryName(Path.GetFullPath(fileOrDefault)));
    }

    internal static string ReadDefaultJson()
    {
        using var stream = typeof(RuleSet).Assembly.GetManifestResourceStream("CommunityOps.Inspection.RuleSets.default.json")
            ?? throw new InvalidOperationException("The default rule set is missing from the assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
