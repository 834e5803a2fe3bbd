using CommunityOps.Inspection.Text;

namespace CommunityOps.Inspection.Matching;

public enum MatchMode
{
    /// <summary>Ordinal substring of the original text.</summary>
    Exact,

    /// <summary>Both text and words folded by <see cref="TextNormalizer"/>; matches reported in the original text.</summary>
    Normalized,
}

/// <summary>Per-thread buffers for <see cref="KeywordMatcher"/>; keep one per worker and reuse it.</summary>
public sealed class MatchScratch
{
    internal NormalizedText Normalized { get; } = new();

    internal HitBuffer Raw { get; } = new();
}

/// <summary>
/// Finds every occurrence of every word (overlapping ones included) in exact or normalized mode. A word
/// that starts or ends with a Latin-script letter or digit only matches at a word boundary of the
/// original text, so "ass" does not fire inside "class" while "加v" still fires inside "快加v我".
/// Hits carry <see cref="KeywordHit.Pattern"/> = the index of the word in <see cref="Words"/>.
/// </summary>
public sealed class KeywordMatcher
{
    private readonly AhoCorasickAutomaton _automaton;
    private readonly int[][] _wordsOfPattern;
    private readonly bool[] _boundaryBefore;
    private readonly bool[] _boundaryAfter;

    public KeywordMatcher(IReadOnlyList<string> words, MatchMode mode, bool wholeWordLatin = true)
    {
        Words = words;
        Mode = mode;
        var patternIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var patterns = new List<string>();
        var owners = new List<List<int>>();
        for (int w = 0; w < words.Count; w++)
        {
            var pattern = mode == MatchMode.Normalized ? TextNormalizer.Normalize(words[w]) : words[w];
            if (pattern.Length == 0)
            {
                continue;
            }

            if (!patternIndex.TryGetValue(pattern, out int p))
            {
                p = patterns.Count;
                patternIndex[pattern] = p;
                patterns.Add(pattern);
                owners.Add([]);
            }

            owners[p].Add(w);
        }

        _automaton = new AhoCorasickAutomaton(patterns);
        _wordsOfPattern = [.. owners.Select(o => o.ToArray())];
        _boundaryBefore = [.. patterns.Select(p => wholeWordLatin && CharFolding.IsWordChar(p[0]))];
        _boundaryAfter = [.. patterns.Select(p => wholeWordLatin && CharFolding.IsWordChar(p[^1]))];
    }

    public IReadOnlyList<string> Words { get; }

    public MatchMode Mode { get; }

    public int StateCount => _automaton.StateCount;

    /// <summary>Convenience for tests and tools; allocates.</summary>
    public IReadOnlyList<KeywordHit> FindAll(string text)
    {
        var output = new HitBuffer();
        FindAll(text, new MatchScratch(), output);
        return output.Hits.ToArray();
    }

    /// <summary>Appends every hit in <paramref name="text"/> to <paramref name="output"/>, offsets in <paramref name="text"/>.</summary>
    public void FindAll(ReadOnlySpan<char> text, MatchScratch scratch, HitBuffer output)
    {
        if (Mode == MatchMode.Normalized)
        {
            TextNormalizer.Normalize(text, scratch.Normalized);
            FindAll(text, scratch.Normalized, scratch, output);
            return;
        }

        var raw = scratch.Raw;
        raw.Clear();
        _automaton.FindAll(text, raw);
        foreach (var hit in raw.Hits)
        {
            if (IsWholeWord(text, hit.Pattern, hit.Start, hit.Start + hit.Length))
            {
                AddOwners(hit.Pattern, hit.Start, hit.Length, output);
            }
        }
    }

    /// <summary>Normalized mode when the caller already folded the text once for several matchers.</summary>
    public void FindAll(ReadOnlySpan<char> original, NormalizedText normalized, MatchScratch scratch, HitBuffer output)
    {
        if (Mode != MatchMode.Normalized)
        {
            throw new InvalidOperationException("This matcher is exact; pass the original text.");
        }

        var raw = scratch.Raw;
        raw.Clear();
        _automaton.FindAll(normalized.Span, raw);
        foreach (var hit in raw.Hits)
        {
            var (start, length) = normalized.ToOriginal(hit.Start, hit.Length);
            if (IsWholeWord(original, hit.Pattern, start, start + length))
            {
                AddOwners(hit.Pattern, start, length, output);
            }
        }
    }

    private bool IsWholeWord(ReadOnlySpan<char> original, int pattern, int start, int end)
    {
        if (_boundaryBefore[pattern] && start > 0 && CharFolding.IsWordChar(original[start - 1]))
        {
            return false;
        }

        return !_boundaryAfter[pattern] || end >= original.Length || !CharFolding.IsWordChar(original[end]);
    }

    private void AddOwners(int pattern, int start, int length, HitBuffer output)
    {
        foreach (int word in _wordsOfPattern[pattern])
        {
            output.Add(new KeywordHit(word, start, length));
        }
    }
}
