using System.Buffers;
using CommunityOps.Inspection.Matching;

namespace CommunityOps.Benchmarks.Inspection;

/// <summary>
/// The baseline our matcher must beat by 3x: .NET's <see cref="SearchValues{T}"/> of strings finds the
/// next position where some word starts; we then check which words start there (every one, so
/// overlapping and nested occurrences are all reported) and resume one char later. Words are bucketed
/// by their first two chars so the check is cheap. Also linked into the tests, which assert that it
/// finds exactly what <see cref="AhoCorasickAutomaton"/> finds.
/// </summary>
public sealed class SearchValuesBaseline
{
    private readonly SearchValues<string> _values;
    private readonly Dictionary<int, (string Word, int Index)[]> _byPrefix;

    public SearchValuesBaseline(IReadOnlyList<string> words)
    {
        _values = SearchValues.Create(words.Distinct(StringComparer.Ordinal).ToArray(), StringComparison.Ordinal);
        _byPrefix = words.Select((word, index) => (word, index))
            .GroupBy(w => Key(w.word.AsSpan(), w.word.Length >= 2))
            .ToDictionary(g => g.Key, g => g.ToArray());
    }

    public void FindAll(ReadOnlySpan<char> text, HitBuffer hits)
    {
        int offset = 0;
        while (offset < text.Length)
        {
            int found = text[offset..].IndexOfAny(_values);
            if (found < 0)
            {
                return;
            }

            int at = offset + found;
            var rest = text[at..];
            if (_byPrefix.TryGetValue(Key(rest, false), out var singles))
            {
                Check(rest, at, singles, hits);
            }

            if (rest.Length >= 2 && _byPrefix.TryGetValue(Key(rest, true), out var longer))
            {
                Check(rest, at, longer, hits);
            }

            offset = at + 1;
        }
    }

    private static void Check(ReadOnlySpan<char> rest, int at, (string Word, int Index)[] candidates, HitBuffer hits)
    {
        foreach (var (word, index) in candidates)
        {
            if (rest.StartsWith(word, StringComparison.Ordinal))
            {
                hits.Add(new KeywordHit(index, at, word.Length));
            }
        }
    }

    private static int Key(ReadOnlySpan<char> text, bool twoChars) => twoChars ? (text[0] << 16) | text[1] | int.MinValue : text[0];
}
