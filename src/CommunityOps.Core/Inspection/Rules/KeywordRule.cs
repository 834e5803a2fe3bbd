using CommunityOps.Inspection.Matching;
using CommunityOps.Inspection.Text;
using CommunityOps.Resources;

namespace CommunityOps.Inspection.Rules;

/// <summary>
/// `keywords`: words from lexicon files and/or inline, matched exact or normalized (default), Latin words
/// as whole words (default). Reports every occurrence of every word, overlapping ones included.
/// Parameters: lexicons [file refs], words [..], mode "normalized"|"exact", wholeWord (true),
/// minLength (2: words shorter once normalized are skipped, single letters match everywhere),
/// exclude [words dropped from the lexicons, for precision].
/// </summary>
internal sealed class KeywordRule : Rule
{
    private readonly string[] _words;
    private KeywordIndex? _index;
    private int _offset;

    public KeywordRule(RuleDefinition definition, RuleParameters parameters, RuleCompiler compiler) : base(definition)
    {
        var mode = parameters.String("mode", "normalized") switch
        {
            "normalized" => MatchMode.Normalized,
            "exact" => MatchMode.Exact,
            _ => throw parameters.Invalid("mode", Errors.EitherOr("normalized", "exact")),
        };
        bool wholeWord = parameters.Bool("wholeWord", true);
        int minLength = parameters.Int("minLength", 2, 1, 100);
        var excluded = parameters.Strings("exclude").Select(w => Fold(w, mode)).ToHashSet(StringComparer.Ordinal);
        var words = parameters.Strings("lexicons").SelectMany(reference => compiler.Lexicon(reference).Words)
            .Concat(parameters.Strings("words"))
            .Where(w => Fold(w, mode) is var folded && folded.Length >= minLength && !excluded.Contains(folded))
            .Distinct(StringComparer.Ordinal)
            .ToArray();
        if (words.Length == 0)
        {
            throw new CommunityOpsException(Errors.RuleHasNoWords(definition.Name));
        }

        _words = words;
        compiler.Keywords.Add(mode, wholeWord, words, (index, offset) => (_index, _offset) = (index, offset));
    }

    internal override void Inspect(MessageContext context, RuleState? state, List<Finding> findings)
    {
        var hits = context.KeywordHits(_index!);
        List<FindingMatch>? matches = null;
        HashSet<string>? seen = null;
        var text = context.Message.Text;
        foreach (var hit in hits.Hits)
        {
            int word = hit.Pattern - _offset;
            if ((uint)word >= (uint)_words.Length)
            {
                continue;
            }

            matches ??= [];
            seen ??= new HashSet<string>(StringComparer.Ordinal);
            seen.Add(_words[word]);
            matches.Add(new FindingMatch(text.Substring(hit.Start, hit.Length), hit.Start, hit.Length));
        }

        if (matches is not null)
        {
            // Two lexicon words that fold alike ("微信", "微 信") find the same span: report it once.
            Report(context, findings, 1.0, SortedDistinct(matches), "words: " + string.Join(", ", seen!.Take(8)));
        }
    }

    // Kept out of Inspect: a lambda there capturing a local would allocate its closure on every message.
    private static List<FindingMatch> SortedDistinct(List<FindingMatch> matches)
    {
        matches.Sort((a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : a.Length.CompareTo(b.Length));
        var distinct = new List<FindingMatch>(matches.Count);
        foreach (var match in matches)
        {
            if (distinct.Count == 0 || distinct[^1].Start != match.Start || distinct[^1].Length != match.Length)
            {
                distinct.Add(match);
            }
        }

        return distinct;
    }

    private static string Fold(string word, MatchMode mode) => mode == MatchMode.Normalized ? TextNormalizer.Normalize(word) : word;
}
