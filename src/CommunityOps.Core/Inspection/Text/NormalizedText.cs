namespace CommunityOps.Inspection.Text;

/// <summary>
/// A folded copy of a message plus, for every folded char, the span of the original text it came from,
/// so a match found in the folded text is reported at its place in the original (UTF-16 offsets).
/// Reused across messages: <see cref="TextNormalizer.Normalize(ReadOnlySpan{char}, NormalizedText)"/> overwrites it.
/// </summary>
public sealed class NormalizedText
{
    public int Length { get; internal set; }

    public ReadOnlySpan<char> Span => Chars.AsSpan(0, Length);

    internal char[] Chars { get; private set; } = new char[128];

    internal int[] Starts { get; private set; } = new int[128];

    internal int[] Ends { get; private set; } = new int[128];

    /// <summary>Where the folded range [start, start + length) came from in the original text.</summary>
    public (int Start, int Length) ToOriginal(int start, int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(start + length, Length);
        int originalStart = Starts[start];
        return (originalStart, Ends[start + length - 1] - originalStart);
    }

    public override string ToString() => new(Span);

    internal void Clear() => Length = 0;

    /// <summary>Room for at least <paramref name="count"/> more chars without growing.</summary>
    internal void EnsureCapacity(int count)
    {
        while (Length + count > Chars.Length)
        {
            Grow();
        }
    }

    internal void Append(char c, int originalStart, int originalEnd)
    {
        if (Length == Chars.Length)
        {
            Grow();
        }

        Chars[Length] = c;
        Starts[Length] = originalStart;
        Ends[Length] = originalEnd;
        Length++;
    }

    /// <summary>Folds one more original char into the last folded one (a collapsed repeat).</summary>
    internal void ExtendLast(int originalEnd) => Ends[Length - 1] = originalEnd;

    internal void RemoveLast() => Length--;

    private void Grow()
    {
        Chars = Resized(Chars);
        Starts = Resized(Starts);
        Ends = Resized(Ends);
    }

    private static T[] Resized<T>(T[] array)
    {
        var grown = new T[array.Length * 2];
        array.CopyTo(grown, 0);
        return grown;
    }
}
