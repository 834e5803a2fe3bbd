using System.Globalization;
using System.Text.RegularExpressions;

namespace CommunityOps.Ingestion.WhatsApp;

internal enum DateOrder
{
    DayMonthYear,
    MonthDayYear,
    YearMonthDay,
    YearDayMonth,
}

/// <summary>
/// The start of a message line: "31/12/21, 22:01 - " (Android) or "[12/31/21, 10:01:02 PM] " (iOS), in any
/// of the date orders, separators, clocks and invisible marks of docs/formats.md#whatsapp.
/// The three date numbers are kept as written because their order is only known for the whole file.
/// </summary>
internal readonly partial record struct WhatsAppHeader(
    int A, int B, int C, bool IsYearFirst, int Hour, int Minute, int Second, bool? IsPm,
    bool IsBracketed, char DateSeparator, string DateText, string Body)
{
    /// <summary>Marks that exports put before a line, a name or a text (LRM, RLM, embeddings, isolates, BOM).</summary>
    public static string StripMarks(string s)
    {
        var start = 0;
        while (start < s.Length && IsMark(s[start]))
        {
            start++;
        }
        return start == 0 ? s : s[start..];
    }

    public static bool IsMark(char c) => c is '\u200E' or '\u200F' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069') or '\uFEFF';

    public static bool TryParse(string line, out WhatsAppHeader header)
    {
        var m = Pattern().Match(StripMarks(line));
        if (!m.Success)
        {
            header = default;
            return false;
        }
        var a = m.Groups["a"].Value;
        var ampm = m.Groups["ampm"].Success ? m.Groups["ampm"].Value : m.Groups["pre"].Success ? m.Groups["pre"].Value : null;
        header = new WhatsAppHeader(
            Int(a), Int(m.Groups["b"].Value), Int(m.Groups["c"].Value), a.Length > 2,
            Int(m.Groups["h"].Value), Int(m.Groups["m"].Value), m.Groups["s"].Success ? Int(m.Groups["s"].Value) : 0,
            ampm is null ? null : ampm[0] is 'p' or 'P' || ampm == "下午",
            m.Groups["open"].Success, m.Groups["sep"].Value[0],
            m.Groups["date"].Value, m.Groups["body"].Value);
        return true;
    }

    /// <summary>Whether a later line is written like the file's first header (continuation lines can look like dates).</summary>
    public bool IsSameStyle(in WhatsAppHeader first) =>
        IsBracketed == first.IsBracketed && DateSeparator == first.DateSeparator && IsYearFirst == first.IsYearFirst;

    /// <summary>The wall-clock time, or null when the numbers are not a date and time in this order.</summary>
    public DateTime? ToLocal(DateOrder order)
    {
        var (year, month, day) = order switch
        {
            DateOrder.DayMonthYear => (C, B, A),
            DateOrder.MonthDayYear => (C, A, B),
            DateOrder.YearMonthDay => (A, B, C),
            _ => (A, C, B),
        };
        if (year < 100)
        {
            year += 2000; // WhatsApp exists since 2009
        }
        var hour = Hour;
        if (IsPm is { } pm)
        {
            if (hour is < 0 or > 12)
            {
                return null;
            }
            hour = pm ? (hour % 12) + 12 : hour % 12;
        }
        if (year is < 2000 or > 9999 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)
            || hour > 23 || Minute > 59 || Second > 59)
        {
            return null;
        }
        return new DateTime(year, month, day, hour, Minute, Second, DateTimeKind.Unspecified);
    }

    private static int Int(string digits) => int.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);

    // date, then ", " or spaces, then the time with an optional 12-hour marker (a.m., PM, p. m. with NBSP or
    // U+202F, 上午/下午), then "] " (iOS) or " - " (Android).
    [GeneratedRegex(
        @"^(?<open>\[)?(?<date>(?<a>\d{1,4})(?<sep>[./-])\s?(?<b>\d{1,2})\k<sep>\s?(?<c>\d{1,4})\.?)(?:,[\s\u00A0\u202F]*|[\s\u00A0\u202F]+)(?<pre>上午|下午)?(?<h>\d{1,2})[:.](?<m>\d{2})(?:[:.](?<s>\d{2}))?(?:[\s\u00A0\u202F]*(?<ampm>[AaPp]\.?[\s\u00A0\u202F]?[Mm]\.?|上午|下午))?(?(open)\][\s\u00A0]?|[\s\u00A0\u202F]?[-–][\s\u00A0\u202F]?)(?<body>.*)$",
        RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Pattern();
}
