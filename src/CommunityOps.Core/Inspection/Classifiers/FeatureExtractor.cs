using System.Runtime.CompilerServices;
using CommunityOps.Inspection.Text;

namespace CommunityOps.Inspection.Classifiers;

/// <summary>
/// Turns a text into hashed feature indices (with repeats, so a repeated n-gram counts twice). One
/// instance per thread: it reuses its buffers and allocates nothing once warm.
/// </summary>
internal sealed class FeatureExtractor(FeatureOptions options)
{
    private const uint HanSeed = 0x9E3779B1;
    private const uint WordSeed = 0x85EBCA77;
    private const uint PairSeed = 0xC2B2AE3D;
    private const uint GramSeed = 0x27D4EB2F;
    private const uint MarkSeed = 0x165667B1;
    private const uint ShapeSeed = 0xD3A2646C;

    private static readonly System.Buffers.SearchValues<char> LinkMarks = System.Buffers.SearchValues.Create(".:@");

    private readonly int _mask = options.Buckets - 1;
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _excluded =
        new HashSet<string>(options.ExcludedWords, StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
    private char[] _run = new char[256];
    private bool[] _digits = new bool[256];
    private int _runLength;
    private bool _runHasHan;
    private uint _previousWord;
    private int _shapeDigits;
    private int _shapeEmoji;
    private int _shapeMixedWords;
    private int _shapeInvisible;
    private int _shapeUpper;
    private int _shapeLetters;

    public FeatureOptions Options => options;

    public void Extract(ReadOnlySpan<char> text, List<int> features)
    {
        features.Clear();
        _runLength = 0;
        _previousWord = 0;
        _shapeDigits = _shapeEmoji = _shapeMixedWords = _shapeInvisible = _shapeUpper = _shapeLetters = 0;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            var kind = CharFolding.Kind(c);
            switch (kind)
            {
                case CharKind.Ideograph or CharKind.WordLetter or CharKind.Digit:
                    _runHasHan |= kind == CharKind.Ideograph;
                    if (kind == CharKind.WordLetter && char.IsUpper(c))
                    {
                        _shapeUpper++;
                    }

                    _shapeLetters++;
                    AppendFolded(c);
                    break;
                case CharKind.Invisible:
                    // Zero-width chars split words to dodge filters; skipping them rejoins the word.
                    _shapeInvisible++;
                    break;
                case CharKind.Surrogate:
                    FlushRun(features);
                    if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                    {
                        _shapeEmoji++;
                        Add(features, Hash(MarkSeed, c, text[i + 1]));
                        i++;
                    }

                    break;
                case CharKind.Symbol:
                    FlushRun(features);
                    _shapeEmoji++;
                    Add(features, Hash(MarkSeed, c));
                    break;
                case CharKind.Punctuation:
                    FlushRun(features);
                    Add(features, Hash(MarkSeed, c));
                    break;
                default:
                    FlushRun(features);
                    break;
            }
        }

        FlushRun(features);
        if (options.Shapes)
        {
            AddShapes(text, features);
        }
    }

    private void AppendFolded(char c)
    {
        char folded = CharFolding.Fold(c);
        if (folded == CharFolding.Drop)
        {
            return;
        }

        if (folded == CharFolding.Expand)
        {
            foreach (char e in CharFolding.Expansion(c))
            {
                Append(e);
            }

            return;
        }

        Append(folded);
    }

    private void Append(char c)
    {
        if (_runLength == _run.Length)
        {
            Array.Resize(ref _run, _run.Length * 2);
            Array.Resize(ref _digits, _run.Length);
        }

        _run[_runLength++] = c;
    }

    /// <summary>
    /// A run is letters and digits of any script between spaces or punctuation. Chinese chat glues Latin
    /// and digits to Han ("出二手vape100r"), so a run with Han gives char n-grams over the whole run, digits
    /// folded to 0 so that prices and counts generalize ("30r", "40r"); its Latin parts also count as words.
    /// </summary>
    private void FlushRun(List<int> features)
    {
        if (_runLength == 0)
        {
            return;
        }

        var run = _run.AsSpan(0, _runLength);
        if (_runHasHan)
        {
            for (int i = 0; i < run.Length; i++)
            {
                if (run[i] is >= '0' and <= '9')
                {
                    _digits[i] = true;
                }
            }

            _previousWord = 0;
            int start = -1;
            for (int i = 0; i <= run.Length; i++)
            {
                bool isWordChar = i < run.Length && CharFolding.IsWordChar(run[i]);
                if (isWordChar && start < 0)
                {
                    start = i;
                }
                else if (!isWordChar && start >= 0)
                {
                    AddWord(run[start..i], features);
                    start = -1;
                }
            }

            for (int i = 0; i < run.Length; i++)
            {
                if (_digits[i])
                {
                    run[i] = '0';
                    _digits[i] = false;
                }
            }

            AddGrams(run, 1, options.HanMaxGram, HanSeed, features);
            _previousWord = 0;
        }
        else
        {
            AddWord(run, features);
        }

        _runLength = 0;
        _runHasHan = false;
    }

    private void AddWord(ReadOnlySpan<char> word, List<int> features)
    {
        bool allDigits = true;
        bool latin = false;
        bool cyrillic = false;
        foreach (char c in word)
        {
            allDigits &= c is >= '0' and <= '9';
            latin |= c is >= 'a' and <= 'z';
            cyrillic |= c is >= '\u0400' and <= '\u04FF';
        }

        if (allDigits)
        {
            // Numbers say little by value and much by length: a QQ number, a phone, a price.
            _shapeDigits += word.Length;
            Add(features, Hash(ShapeSeed, 'd', (char)Math.Min(word.Length, 16)));
            _previousWord = 0;
            return;
        }

        if (latin && cyrillic)
        {
            _shapeMixedWords++;
        }

        if (_excluded.Contains(word))
        {
            _previousWord = 0;
            return;
        }

        uint wordHash = Hash(WordSeed, word);
        Add(features, wordHash);
        if (options.WordPairs && _previousWord != 0)
        {
            Add(features, Mix(PairSeed ^ _previousWord, wordHash));
        }

        _previousWord = wordHash;
        if (word.Length + 2 <= options.WordMinGram)
        {
            return;
        }

        // Grams over "<word>" so that prefixes and suffixes are their own features.
        Span<char> marked = word.Length + 2 <= 64 ? stackalloc char[word.Length + 2] : new char[word.Length + 2];
        marked[0] = '<';
        word.CopyTo(marked[1..]);
        marked[^1] = '>';
        AddGrams(marked, options.WordMinGram, options.WordMaxGram, GramSeed, features);
    }

    /// <summary>
    /// Every n-gram of <paramref name="text"/> for n in [min, max]: the hash of each start position is
    /// extended one char at a time, so all lengths cost one pass instead of one pass per length.
    /// </summary>
    private void AddGrams(ReadOnlySpan<char> text, int min, int max, uint seed, List<int> features)
    {
        for (int i = 0; i < text.Length; i++)
        {
            uint h = seed ^ 2166136261;
            int end = Math.Min(text.Length, i + max);
            for (int j = i; j < end; j++)
            {
                h = (h ^ text[j]) * 16777619;
                int n = j - i + 1;
                if (n >= min)
                {
                    Add(features, Finish(h + ((uint)n * 0x9E3779B9)));
                }
            }
        }
    }

    private void AddShapes(ReadOnlySpan<char> text, List<int> features)
    {
        Add(features, Hash(ShapeSeed, 'l', (char)Log2Bucket(text.Length)));
        Add(features, Hash(ShapeSeed, 'e', (char)Math.Min(_shapeEmoji, 8)));
        if (_shapeDigits > 0)
        {
            Add(features, Hash(ShapeSeed, 'D', (char)Log2Bucket(_shapeDigits)));
        }

        if (_shapeMixedWords > 0)
        {
            Add(features, Hash(ShapeSeed, 'm', (char)Math.Min(_shapeMixedWords, 4)));
        }

        if (_shapeInvisible > 0)
        {
            Add(features, Hash(ShapeSeed, 'z'));
        }

        if (_shapeLetters >= 8)
        {
            Add(features, Hash(ShapeSeed, 'u', (char)(_shapeUpper * 4 / _shapeLetters)));
        }

        // Links and handles need a '.', ':' or '@'; most chat has none, so one vectorized search decides.
        if (text.IndexOfAny(LinkMarks) < 0)
        {
            return;
        }

        if (text.Contains("://", StringComparison.Ordinal) || text.Contains("www.", StringComparison.OrdinalIgnoreCase))
        {
            Add(features, Hash(ShapeSeed, 'h'));
        }

        if (text.Contains("t.me/", StringComparison.OrdinalIgnoreCase) || text.Contains('@'))
        {
            Add(features, Hash(ShapeSeed, 't'));
        }
    }

    private static int Log2Bucket(int n) => n <= 0 ? 0 : 32 - int.LeadingZeroCount(n);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Add(List<int> features, uint hash) => features.Add((int)(hash & (uint)_mask));

    private static uint Hash(uint seed, ReadOnlySpan<char> text)
    {
        uint h = seed ^ 2166136261;
        foreach (char c in text)
        {
            h = (h ^ c) * 16777619;
        }

        return Finish(h);
    }

    private static uint Hash(uint seed, char a, char b = '\0') => Finish(((((seed ^ 2166136261) ^ a) * 16777619) ^ b) * 16777619);

    private static uint Mix(uint a, uint b) => Finish((a * 31) ^ b);

    private static uint Finish(uint h)
    {
        // Murmur3's finalizer: FNV alone leaves the low bits, which pick the bucket, poorly mixed.
        h ^= h >> 16;
        h *= 0x85EBCA6B;
        h ^= h >> 13;
        h *= 0xC2B2AE35;
        h ^= h >> 16;
        return h;
    }
}
