namespace CommunityOps.Inspection.Matching;

public sealed partial class AhoCorasickAutomaton
{
    /// <summary>Builds the automaton; pattern i is reported as <see cref="KeywordHit.Pattern"/> = i. Duplicates are allowed and each is reported.</summary>
    public AhoCorasickAutomaton(IReadOnlyList<string> patterns)
    {
        ArgumentNullException.ThrowIfNull(patterns);
        _classOf = BuildClasses(patterns, out int classCount);
        _patternLengths = new int[patterns.Count];

        var trie = new Trie();
        for (int p = 0; p < patterns.Count; p++)
        {
            var pattern = patterns[p];
            if (string.IsNullOrEmpty(pattern))
            {
                throw new ArgumentException($"Pattern {p} is empty.", nameof(patterns));
            }

            _patternLengths[p] = pattern.Length;
            int state = 0;
            foreach (char ch in pattern)
            {
                state = trie.ChildOrAdd(state, _classOf[ch]);
            }

            trie.Terminals[state] = [.. trie.Terminals[state] ?? [], p];
        }

        StateCount = trie.Count;
        var order = trie.BreadthFirst();
        var fail = trie.FailureLinks(order);
        var outputs = new List<int> { -1 };
        var outputOf = FlattenOutputs(trie, order, fail, outputs);
        _outputs = [.. outputs];
        var position = new int[trie.Count];
        _nodes = Place(trie, order, fail, outputOf, classCount, position);
        _rootNext = new int[classCount + 1];
        foreach (var (cls, child) in trie.Children[0] ?? [])
        {
            _rootNext[cls] = position[child];
        }
    }

    private static ushort[] BuildClasses(IReadOnlyList<string> patterns, out int classCount)
    {
        var frequency = new int[0x10000];
        foreach (var pattern in patterns)
        {
            foreach (char ch in pattern ?? "")
            {
                frequency[ch]++;
            }
        }

        // Frequent chars get small classes so the busiest states pack densely at the front of the array.
        var chars = Enumerable.Range(0, 0x10000).Where(c => frequency[c] > 0)
            .OrderByDescending(c => frequency[c]).ThenBy(c => c).ToArray();
        if (chars.Length >= ushort.MaxValue)
        {
            throw new ArgumentException("Patterns use too many distinct characters.", nameof(patterns));
        }

        var classOf = new ushort[0x10000];
        for (int i = 0; i < chars.Length; i++)
        {
            classOf[chars[i]] = (ushort)(i + 1);
        }

        classCount = chars.Length;
        return classOf;
    }

    private static int[] FlattenOutputs(Trie trie, List<int> order, int[] fail, List<int> outputs)
    {
        var outputOf = new int[trie.Count];
        foreach (int state in order)
        {
            int suffix = state == 0 ? 0 : outputOf[fail[state]];
            var own = trie.Terminals[state];
            if (own is null)
            {
                // Same run as the longest suffix state that has outputs: share it.
                outputOf[state] = suffix;
                continue;
            }

            outputOf[state] = outputs.Count;
            outputs.AddRange(own);
            for (int k = suffix; suffix != 0 && outputs[k] >= 0; k++)
            {
                outputs.Add(outputs[k]);
            }

            outputs.Add(-1);
        }

        return outputOf;
    }

    /// <summary>
    /// Gives every state a position (the root 0) and every parent a base so that each child sits at
    /// base + class. Parents go in breadth-first order, each at the first base whose slots are all free;
    /// "next free" links with path compression skip over used slots.
    /// </summary>
    private static Node[] Place(Trie trie, List<int> order, int[] fail, int[] outputOf, int classCount, int[] position)
    {
        var bases = new int[trie.Count];
        var free = new FreeSlots(trie.Count + classCount + 1);
        free.Use(0);
        int maxBase = 0;
        foreach (int state in order)
        {
            var children = trie.Children[state];
            if (children is null)
            {
                continue;
            }

            children.Sort((a, b) => a.Class.CompareTo(b.Class));
            int first = children[0].Class;
            int b;
            for (int candidate = free.NextFree(first); ; candidate = free.NextFree(candidate + 1))
            {
                b = candidate - first;
                if (Fits(free, b, children))
                {
                    break;
                }
            }

            bases[state] = b;
            maxBase = Math.Max(maxBase, b);
            foreach (var (cls, child) in children)
            {
                free.Use(b + cls);
                position[child] = b + cls;
            }
        }

        var depth = new int[trie.Count];
        var nodes = new Node[Math.Max(free.HighestUsed + 1, maxBase + classCount + 1)];
        nodes.AsSpan().Fill(new Node { Check = -1 });
        foreach (int state in order)
        {
            ref var node = ref nodes[position[state]];
            node.Base = bases[state];
            node.Output = outputOf[state];
            node.DeepFail = state != 0 && depth[fail[state]] >= 2 ? position[fail[state]] : 0;
            foreach (var (_, child) in trie.Children[state] ?? [])
            {
                nodes[position[child]].Check = position[state];
                depth[child] = depth[state] + 1;
            }
        }

        return nodes;
    }

    private static bool Fits(FreeSlots free, int b, List<(int Class, int Child)> children)
    {
        foreach (var (cls, _) in children)
        {
            if (!free.IsFree(b + cls))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Used and free slot positions, with "first free at or after i" in near-constant time.</summary>
    private sealed class FreeSlots(int capacity)
    {
        private bool[] _used = new bool[capacity];
        private int[] _next = [.. Enumerable.Range(0, capacity)];

        public int HighestUsed { get; private set; }

        public bool IsFree(int at) => at >= _used.Length || !_used[at];

        public void Use(int at)
        {
            Ensure(at + 2);
            _used[at] = true;
            _next[at] = at + 1;
            HighestUsed = Math.Max(HighestUsed, at);
        }

        public int NextFree(int at)
        {
            Ensure(at + 2);
            int root = at;
            while (_used[root])
            {
                root = _next[root];
                Ensure(root + 2);
            }

            while (at != root)
            {
                int following = _next[at];
                _next[at] = root;
                at = following;
            }

            return root;
        }

        private void Ensure(int size)
        {
            if (size <= _used.Length)
            {
                return;
            }

            int old = _used.Length;
            int grown = Math.Max(size, old * 2);
            Array.Resize(ref _used, grown);
            Array.Resize(ref _next, grown);
            for (int i = old; i < grown; i++)
            {
                _next[i] = i;
            }
        }
    }

    private sealed class Trie
    {
        private readonly Dictionary<long, int> _edges = [];

        public List<List<(int Class, int Child)>?> Children { get; } = [null];

        public List<int[]?> Terminals { get; } = [null];

        public int Count => Children.Count;

        public int ChildOrAdd(int state, int cls)
        {
            long key = ((long)state << 16) | (uint)cls;
            if (_edges.TryGetValue(key, out int child))
            {
                return child;
            }

            child = Children.Count;
            Children.Add(null);
            Terminals.Add(null);
            _edges[key] = child;
            (Children[state] ??= []).Add((cls, child));
            return child;
        }

        public int Child(int state, int cls) => _edges.TryGetValue(((long)state << 16) | (uint)cls, out int child) ? child : -1;

        public List<int> BreadthFirst()
        {
            var order = new List<int>(Count) { 0 };
            for (int i = 0; i < order.Count; i++)
            {
                foreach (var (_, child) in Children[order[i]] ?? [])
                {
                    order.Add(child);
                }
            }

            return order;
        }

        public int[] FailureLinks(List<int> order)
        {
            var fail = new int[Count];
            foreach (int state in order)
            {
                if (state == 0)
                {
                    continue;
                }

                foreach (var (cls, child) in Children[state] ?? [])
                {
                    for (int f = fail[state]; ; f = fail[f])
                    {
                        int next = Child(f, cls);
                        if (next >= 0)
                        {
                            fail[child] = next;
                            break;
                        }

                        if (f == 0)
                        {
                            break;
                        }
                    }
                }
            }

            return fail;
        }
    }
}
