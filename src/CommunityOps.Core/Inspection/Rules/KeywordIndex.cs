using CommunityOps.Inspection.Matching;

namespace CommunityOps.Inspection.Rules;

/// <summary>
/// One automaton for the words of all keyword rules that match the same way, so a message is scanned
/// once however many lexicons the rule set has. Each rule owns a contiguous range of the words.
/// </summary>
internal sealed class KeywordIndex
{
    public KeywordIndex(int id, KeywordMatcher matcher)
    {
        Id = id;
        Matcher = matcher;
    }

    public int Id { get; }

    public KeywordMatcher Matcher { get; }

    /// <summary>Collects the words of keyword rules and builds one index per (mode, whole-word) pair.</summary>
    internal sealed class Builder
    {
        private readonly Dictionary<(MatchMode Mode, bool WholeWord), (List<string> Words, List<Action<KeywordIndex>> Bind)> _groups = [];

        public void Add(MatchMode mode, bool wholeWord, IReadOnlyList<string> words, Action<KeywordIndex, int> bind)
        {
            if (!_groups.TryGetValue((mode, wholeWord), out var group))
            {
                group = ([], []);
                _groups[(mode, wholeWord)] = group;
            }

            int offset = group.Words.Count;
            group.Words.AddRange(words);
            group.Bind.Add(index => bind(index, offset));
        }

        public int Build()
        {
            int id = 0;
            foreach (var ((mode, wholeWord), (words, binds)) in _groups.OrderBy(g => g.Key.Mode).ThenBy(g => g.Key.WholeWord))
            {
                var index = new KeywordIndex(id++, new KeywordMatcher(words, mode, wholeWord));
                foreach (var bind in binds)
                {
                    bind(index);
                }
            }

            return id;
        }
    }
}
