using System.Runtime.CompilerServices;

namespace CommunityOps.Analytics;

/// <summary>
/// A growable array of structs handed out by reference. The analytical state is a handful of these,
/// so it costs the bytes of its elements and not an object per element.
/// </summary>
internal sealed class ValueList<T>
    where T : struct
{
    private T[] _items;

    public ValueList(int capacity = 0) => _items = capacity == 0 ? [] : new T[capacity];

    public ValueList(T[] items) => (_items, Count) = (items, items.Length);

    public int Count { get; private set; }

    public ref T this[int index] => ref _items[index];

    public Span<T> AsSpan() => _items.AsSpan(0, Count);

    public Span<T> AsSpan(int start, int length) => _items.AsSpan(start, length);

    public long AllocatedBytes => (long)_items.Length * Unsafe.SizeOf<T>();

    public int Add(in T item)
    {
        if (Count == _items.Length)
        {
            Grow(Count + 1);
        }
        _items[Count] = item;
        return Count++;
    }

    /// <summary>Extends the list with default elements up to <paramref name="count"/>.</summary>
    public void Resize(int count)
    {
        if (count > _items.Length)
        {
            Grow(count);
        }
        if (count > Count)
        {
            Array.Clear(_items, Count, count - Count);
        }
        Count = count;
    }

    /// <summary>Inserts <paramref name="n"/> default elements at the front (a rollup extended to earlier days).</summary>
    public void Prepend(int n)
    {
        var items = new T[Math.Max(_items.Length, Count + n)];
        Array.Copy(_items, 0, items, n, Count);
        _items = items;
        Count += n;
    }

    public void TrimExcess()
    {
        if (_items.Length != Count)
        {
            Array.Resize(ref _items, Count);
        }
    }

    private void Grow(int min)
    {
        var capacity = Math.Max(min, _items.Length < 16 ? 16 : _items.Length + (_items.Length >> 1));
        Array.Resize(ref _items, capacity);
    }
}
