using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace CommunityOps.Inspection.Matching;

/// <summary>
/// Aho–Corasick over UTF-16 chars as a double array: a char maps to a dense class through one 64K table
/// (class 0 = in no word) and the trie edge from state s on class c is the node at Base[s] + c when its
/// Check is s. Nodes pack base, check, "deep" failure link and output run in 16 bytes.
/// <para>
/// The scan avoids the failure loop that makes a textbook automaton slow on real text. When the edge is
/// missing, the next state is the longest suffix of the text read so far that starts a word; unless the
/// failure state is itself two or more chars deep (rare, and the only case that loops), that suffix is at
/// most two chars long, so it is "previous char + this char" (an edge of the previous char's depth-1
/// state) or "this char" (the root table) or nothing. Both candidates are computed every step and picked
/// with conditional moves: a handful of loads per char, no unpredictable branch.
/// </para>
/// Outputs are flattened per state (its own words plus those of its suffixes), so every occurrence of every
/// pattern, overlapping ones included, is reported. Immutable after construction and thread-safe.
/// </summary>
public sealed partial class AhoCorasickAutomaton
{
    private readonly ushort[] _classOf;
    private readonly int[] _rootNext;
    private readonly Node[] _nodes;
    private readonly int[] _outputs;
    private readonly int[] _patternLengths;

    [StructLayout(LayoutKind.Sequential)]
    private struct Node
    {
        public int Base;
        public int Check;

        /// <summary>The failure state when it is at least two chars deep, else 0.</summary>
        public int DeepFail;
        public int Output;
    }

    public int PatternCount => _patternLengths.Length;

    public int StateCount { get; }

    /// <summary>Finds every occurrence of every pattern in <paramref name="text"/>, appending to <paramref name="hits"/> in order of end position.</summary>
    public void FindAll(ReadOnlySpan<char> text, HitBuffer hits)
    {
        ref ushort classes = ref MemoryMarshal.GetArrayDataReference(_classOf);
        ref int rootNext = ref MemoryMarshal.GetArrayDataReference(_rootNext);
        ref Node nodes = ref MemoryMarshal.GetArrayDataReference(_nodes);
        int state = 0;
        int previous = 0;
        for (int i = 0; i < text.Length; i++)
        {
            // No bounds checks needed: the class table covers every char, the root table every class, and
            // the node array is sized so that Base + class stays inside it for every state and class.
            int c = Unsafe.Add(ref classes, text[i]);
            state = Step(ref nodes, ref rootNext, state, previous, c);
            previous = c;
            int output = Unsafe.Add(ref nodes, state).Output;
            if (output != 0)
            {
                Report(output, i, hits);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Step(ref Node nodes, ref int rootNext, int state, int previous, int c)
    {
        ref Node current = ref Unsafe.Add(ref nodes, state);
        int next = current.Base + c;
        bool hasEdge = Unsafe.Add(ref nodes, next).Check == state;
        if (!hasEdge && current.DeepFail != 0)
        {
            return StepFromDeepFailure(ref nodes, ref rootNext, current.DeepFail, previous, c);
        }

        int first = Unsafe.Add(ref rootNext, previous);
        int pair = Unsafe.Add(ref nodes, first).Base + c;
        int shallow = Unsafe.Add(ref nodes, pair).Check == first ? pair : Unsafe.Add(ref rootNext, c);
        return hasEdge ? next : shallow;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int StepFromDeepFailure(ref Node nodes, ref int rootNext, int state, int previous, int c)
    {
        for (; state != 0; state = Unsafe.Add(ref nodes, state).DeepFail)
        {
            int next = Unsafe.Add(ref nodes, state).Base + c;
            if (Unsafe.Add(ref nodes, next).Check == state)
            {
                return next;
            }
        }

        int first = Unsafe.Add(ref rootNext, previous);
        int pair = Unsafe.Add(ref nodes, first).Base + c;
        return Unsafe.Add(ref nodes, pair).Check == first ? pair : Unsafe.Add(ref rootNext, c);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Report(int output, int end, HitBuffer hits)
    {
        for (int k = output; ; k++)
        {
            int pattern = _outputs[k];
            if (pattern < 0)
            {
                return;
            }

            int length = _patternLengths[pattern];
            hits.Add(new KeywordHit(pattern, end - length + 1, length));
        }
    }
}
