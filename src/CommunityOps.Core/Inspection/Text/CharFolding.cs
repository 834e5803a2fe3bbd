using System.Globalization;
using System.Text;

namespace CommunityOps.Inspection.Text;

/// <summary>What a character is once folded; the matcher, the normalizer and the classifiers all ask this.</summary>
internal enum CharKind : byte
{
    /// <summary>Control, format (zero-width), combining mark, unassigned: never seen by a matcher.</summary>
    Invisible,
    Space,
    Punctuation,
    Symbol,
    /// <summary>Letters of scripts written with spaces (Latin, Cyrillic, Greek...): words need boundaries.</summary>
    WordLetter,
    Digit,
    /// <summary>Han, kana, hangul and other letters written without spaces.</summary>
    Ideograph,
    Surrogate,
}

/// <summary>
/// One table lookup per UTF-16 char gives NFKC + lower case + traditional-to-simplified, precomputed for
/// the whole BMP at first use (about 30 ms), because calling string.Normalize per message is far too slow
/// and allocates. Characters that fold to nothing (spaces, punctuation, symbols, emoji, zero-width) map to
/// <see cref="Drop"/>; the few that fold to several characters (㎏ → kg) map to <see cref="Expand"/>.
/// </summary>
internal static class CharFolding
{
    public const char Drop = '\0';
    public const char Expand = '\uFFFF';

    private const int MathStart = 0x1D400;
    private const int MathEnd = 0x1D800;
    private const int EnclosedStart = 0x1F100;
    private const int EnclosedEnd = 0x1F200;

    private static readonly char[] Folded = new char[0x10000];
    private static readonly CharKind[] Kinds = new CharKind[0x10000];
    private static readonly Dictionary<char, string> Expansions = [];
    private static readonly char[] SupplementaryFolded = new char[(MathEnd - MathStart) + (EnclosedEnd - EnclosedStart)];

#pragma warning disable CA1810 // the three tables are built together in one pass; a static constructor says so
    static CharFolding()
#pragma warning restore CA1810
    {
        var simplified = TraditionalToSimplified();
        for (int c = 0; c < 0x10000; c++)
        {
            char ch = (char)c;
            if (char.IsSurrogate(ch))
            {
                Kinds[c] = CharKind.Surrogate;
                continue;
            }

            var fold = FoldOne(ch.ToString(), simplified);
            Kinds[c] = fold.Length > 0 ? KindOfFolded(fold[0])
                : char.IsWhiteSpace(ch) ? CharKind.Space
                : KindOfDropped(CharUnicodeInfo.GetUnicodeCategory(ch));
            Folded[c] = fold.Length switch
            {
                0 => Drop,
                1 => fold[0],
                _ => Expand,
            };
            if (fold.Length > 1)
            {
                Expansions[ch] = fold;
            }
        }

        for (int i = 0; i < SupplementaryFolded.Length; i++)
        {
            int codePoint = i < MathEnd - MathStart ? MathStart + i : EnclosedStart + i - (MathEnd - MathStart);
            var fold = Rune.IsValid(codePoint) ? FoldOne(char.ConvertFromUtf32(codePoint), simplified) : "";
            SupplementaryFolded[i] = fold.Length == 1 ? fold[0] : Drop;
        }
    }

    public static char Fold(char c) => Folded[c];

    public static CharKind Kind(char c) => Kinds[c];

    public static string Expansion(char c) => Expansions[c];

    /// <summary>True for letters and digits of space-separated scripts: the characters that glue a Latin word to its neighbours.</summary>
    public static bool IsWordChar(char c) => Kinds[c] is CharKind.WordLetter or CharKind.Digit;

    /// <summary>Folds a surrogate pair: mathematical and enclosed letters (𝐟𝐫𝐞𝐞, 🄰) become ASCII; emoji drop; other letters stay.</summary>
    public static char FoldSupplementary(int codePoint, out bool keepPair)
    {
        keepPair = false;
        if (codePoint is >= MathStart and < MathEnd)
        {
            return SupplementaryFolded[codePoint - MathStart];
        }

        if (codePoint is >= EnclosedStart and < EnclosedEnd)
        {
            return SupplementaryFolded[(MathEnd - MathStart) + codePoint - EnclosedStart];
        }

        var category = CharUnicodeInfo.GetUnicodeCategory(codePoint);
        keepPair = category is <= UnicodeCategory.OtherLetter or UnicodeCategory.DecimalDigitNumber;
        return Drop;
    }

    private static string FoldOne(string text, Dictionary<char, char> simplified)
    {
        string nfkc;
        try
        {
            nfkc = text.Normalize(NormalizationForm.FormKC);
        }
        catch (ArgumentException)
        {
            // Unassigned code points cannot be normalized; they carry nothing a rule could match.
            return "";
        }

        var builder = new StringBuilder(nfkc.Length);
        foreach (char c in nfkc)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            bool isLetterOrNumber = category is <= UnicodeCategory.OtherLetter
                or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber;
            if (!isLetterOrNumber || char.IsSurrogate(c))
            {
                continue;
            }

            char lower = char.ToLowerInvariant(c);
            builder.Append(simplified.TryGetValue(lower, out var s) ? s : lower);
        }

        return builder.ToString();
    }

    private static CharKind KindOfFolded(char c)
    {
        var category = CharUnicodeInfo.GetUnicodeCategory(c);
        if (category is UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber)
        {
            return c < 0x0800 ? CharKind.Digit : CharKind.Ideograph;
        }

        return c < 0x0800 ? CharKind.WordLetter : CharKind.Ideograph;
    }

    private static CharKind KindOfDropped(UnicodeCategory category) => category switch
    {
        UnicodeCategory.SpaceSeparator or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator => CharKind.Space,
        UnicodeCategory.ConnectorPunctuation or UnicodeCategory.DashPunctuation or UnicodeCategory.OpenPunctuation
            or UnicodeCategory.ClosePunctuation or UnicodeCategory.InitialQuotePunctuation
            or UnicodeCategory.FinalQuotePunctuation or UnicodeCategory.OtherPunctuation => CharKind.Punctuation,
        UnicodeCategory.MathSymbol or UnicodeCategory.CurrencySymbol or UnicodeCategory.ModifierSymbol
            or UnicodeCategory.OtherSymbol => CharKind.Symbol,
        _ => CharKind.Invisible,
    };

    private static Dictionary<char, char> TraditionalToSimplified()
    {
        using var stream = typeof(CharFolding).Assembly.GetManifestResourceStream("CommunityOps.Inspection.Text.TraditionalToSimplified.txt")
            ?? throw new InvalidOperationException("The traditional-to-simplified table is missing from the assembly.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var map = new Dictionary<char, char>();
        while (reader.ReadLine() is { } line)
        {
            if (line.StartsWith('#'))
            {
                continue;
            }

            for (int i = 0; i + 1 < line.Length; i += 2)
            {
                map[line[i]] = line[i + 1];
            }
        }

        return map;
    }
}
