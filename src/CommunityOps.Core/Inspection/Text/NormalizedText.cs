namespace CommunityOps.Inspection.Text;

/// <summary>
/// A folded copy of a message plus, for every folded char, the span of the original text it came from,
/// so a match found in the folded text is reported at its place in the original (UTF-16 offsets).
/// Reused across messages: <see cref="TextNormalizer.Normalize(ReadOnlySpan{char}, NormalizedText)"/> overwrites it.
/// </summary>
public sealed class NormalizedText
{
    private char[] _chars = new char[128];
    private int[] _starts = new int[128];
    private int[] _ends = new int[128];

    public int Length { get; private set; }

    public ReadOnlySpan<char> Span => _chars.AsSpan(0, Length);

    /// <summary>Where the folded range [start, start + length) came from in the original text.</summary>
    public (int Start, int Length) ToOriginal(int start, int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(start + length, Length);
        int originalStart = _starts[start];
        return (originalStart, _ends[start + length - 1] - originalStart);
    }

    public override string ToString() => new(Span);

    internal void Clear() => Length = 0;

    internal void Append(char c, int originalStart, int originalEnd)
    {
        if (Length == _chars.Length)
        {
            Grow();
        }

        _chars[Length] = c;
        _starts[Length] = originalStart;
        _ends[Length] = originalEnd;
        Length++;
    }

    internal char Last => _chars[Length - 1];

    /// <summary>Folds one more original char into the last folded one (a collapsed repeat).</summary>
    internal void ExtendLast(int originalEnd) => _ends[Length - 1] = originalEnd;

    internal void RemoveLast() => Length--;

    private void Grow()
    {
        Array.Resize(ref _chars, _chars.Length * 2);
        Array.Resize(ref _starts, _starts.Length * 2);
        Array.Resize(ref _ends, _ends.Length * 2);
    }
}
