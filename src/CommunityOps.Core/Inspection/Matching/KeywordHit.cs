namespace CommunityOps.Inspection.Matching;

/// <summary>One occurrence of pattern <see cref="Pattern"/> at [Start, Start + Length) of the scanned text.</summary>
public readonly record struct KeywordHit(int Pattern, int Start, int Length);

/// <summary>A reusable, growable list of hits, so scanning millions of messages allocates nothing once warm.</summary>
public sealed class HitBuffer
{
    private KeywordHit[] _items = new KeywordHit[16];

    public int Count { get; private set; }

    public ReadOnlySpan<KeywordHit> Hits => _items.AsSpan(0, Count);

    public void Clear() => Count = 0;

    public void Add(KeywordHit hit)
    {
        if (Count == _items.Length)
        {
            Array.Resize(ref _items, _items.Length * 2);
        }

        _items[Count++] = hit;
    }
}
