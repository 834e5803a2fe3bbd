using CommunityOps.Inspection.Text;

namespace CommunityOps.Inspection.Contacts;

/// <summary>
/// Finds digit sequences that survive disguise: full-width and circled digits, Chinese numerals
/// (一三八, 幺 for 1), and up to two separators between digits ("138 1234-5678", "1.3.8..."). Then
/// classifies them: a Chinese mobile, an international number (needs + or 00), or a QQ number (needs a
/// QQ word just before or after: a bare long number is as likely an order id or a game uid).
/// </summary>
internal sealed class PhoneAndQQDetector
{
    private const int MaxSeparatorRun = 2;
    private const int ContextChars = 8;

    // Matched on case- and width-folded text without collapsing repeats: collapsed, 扣扣 would become 扣.
    private static readonly string[] QQWords = ["qq", "扣扣", "抠抠", "企鹅", "q号", "加q", "群号", "加群", "q群"];

    public void Scan(ReadOnlySpan<char> text, ContactScratch scratch, List<ContactHit> hits)
    {
        var digits = scratch.Digits;
        int start = -1, end = -1, separators = 0;
        bool plus = false;
        for (int i = 0; i <= text.Length; i++)
        {
            int digit = i < text.Length ? DigitValue(text[i]) : -1;
            if (digit >= 0)
            {
                if (start < 0)
                {
                    start = i;
                    digits.Clear();
                    plus = HasPlusBefore(text, i);
                }

                digits.Append((char)('0' + digit));
                end = i + 1;
                separators = 0;
                continue;
            }

            if (start >= 0 && i < text.Length && IsSeparator(text[i]) && ++separators <= MaxSeparatorRun)
            {
                continue;
            }

            if (start >= 0)
            {
                // Fewer than five digits is never a phone or QQ number: skip the string.
                if (digits.Length >= 5)
                {
                    Classify(text, start - (plus ? 1 : 0), end, digits.ToString(), plus, scratch, hits);
                }

                start = -1;
                separators = 0;
            }
        }
    }

    private void Classify(ReadOnlySpan<char> text, int start, int end, string digits, bool plus, ContactScratch scratch, List<ContactHit> hits)
    {
        if (IsChineseMobile(digits))
        {
            hits.Add(new ContactHit(ContactKind.ChineseMobile, start, end - start, digits[^11..]));
            return;
        }

        bool doubleZero = digits.StartsWith("00", StringComparison.Ordinal);
        var international = doubleZero ? digits[2..] : digits;
        if ((plus || doubleZero) && international.Length is >= 8 and <= 15 && international[0] != '0')
        {
            hits.Add(new ContactHit(ContactKind.InternationalPhone, start, end - start, "+" + international));
            return;
        }

        if (digits.Length is >= 5 and <= 11 && digits[0] != '0' && HasQQWordNear(text, start, end))
        {
            hits.Add(new ContactHit(ContactKind.QQ, start, end - start, digits));
        }
    }

    internal static bool IsChineseMobile(string digits)
    {
        var national = digits.Length == 13 && digits.StartsWith("86", StringComparison.Ordinal) ? digits[2..]
            : digits.Length == 15 && digits.StartsWith("0086", StringComparison.Ordinal) ? digits[4..]
            : digits;
        return national.Length == 11 && national[0] == '1' && national[1] is >= '3' and <= '9';
    }

    private static bool HasQQWordNear(ReadOnlySpan<char> text, int start, int end)
    {
        Span<char> window = stackalloc char[ContextChars + 4];
        int length = 0;
        foreach (char c in text[Math.Max(0, start - ContextChars)..start])
        {
            char folded = c < 0x80 ? char.ToLowerInvariant(c) : CharFolding.Fold(c);
            if (folded is not (CharFolding.Drop or CharFolding.Expand))
            {
                window[length++] = folded;
            }
        }

        // A QQ word right after the number counts too ("123456789 qq").
        window[length++] = '|';
        foreach (char c in text[end..Math.Min(text.Length, end + 3)])
        {
            char folded = c < 0x80 ? char.ToLowerInvariant(c) : CharFolding.Fold(c);
            if (folded is not (CharFolding.Drop or CharFolding.Expand) && length < window.Length)
            {
                window[length++] = folded;
            }
        }

        foreach (var word in QQWords)
        {
            if (window[..length].Contains(word, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static bool HasPlusBefore(ReadOnlySpan<char> text, int i) => i > 0 && text[i - 1] is '+' or '＋';

    internal static int DigitValue(char c)
    {
        if (c is >= '0' and <= '9')
        {
            return c - '0';
        }

        if (c < 0x80)
        {
            return -1;
        }

        char folded = CharFolding.Fold(c);
        if (folded is >= '0' and <= '9')
        {
            return folded - '0';
        }

        return c switch
        {
            '〇' or '零' => 0,
            '一' or '幺' => 1,
            '二' => 2,
            '三' => 3,
            '四' => 4,
            '五' => 5,
            '六' => 6,
            '七' => 7,
            '八' => 8,
            '九' => 9,
            _ => -1,
        };
    }

    private static bool IsSeparator(char c) =>
        c != '+' && CharFolding.Kind(c) is CharKind.Space or CharKind.Punctuation or CharKind.Symbol or CharKind.Invisible or CharKind.Surrogate;
}
