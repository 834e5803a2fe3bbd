using System.Buffers.Text;
using CommunityOps.Ingestion.Common;

namespace CommunityOps.Ingestion.Telegram;

/// <summary>
/// Telegram Desktop's two clocks: <c>date_unixtime</c> (UTC epoch seconds, as a string, since 2022) and
/// <c>date</c> ("2022-06-05T15:42:59", the exporting computer's local time with no offset).
/// </summary>
internal static class TelegramTime
{
    /// <summary>Epoch seconds written as a string (or, by hand-made files, a number) to Unix milliseconds.</summary>
    public static bool TryUnixMs(JsonScalar value, out long ms)
    {
        ms = 0;
        var raw = value.Bytes;
        if (Utf8Parser.TryParse(raw, out long seconds, out var consumed) && consumed == raw.Length && seconds is >= 0 and < 100_000_000_000)
        {
            ms = seconds * 1000;
            return true;
        }
        return false;
    }

    /// <summary>"yyyy-MM-ddTHH:mm:ss" read as a wall-clock time; the caller decides its zone.</summary>
    public static bool TryLocal(JsonScalar value, out DateTime local)
    {
        local = default;
        return value.IsString && TryLocal(value.Bytes, out local);
    }

    public static bool TryLocal(ReadOnlySpan<byte> s, out DateTime local)
    {
        local = default;
        if (s.Length != 19 || s[4] != '-' || s[7] != '-' || s[10] is not ((byte)'T' or (byte)' ') || s[13] != ':' || s[16] != ':')
        {
            return false;
        }
        if (!Digits(s[..4], out var year) || !Digits(s.Slice(5, 2), out var month) || !Digits(s.Slice(8, 2), out var day)
            || !Digits(s.Slice(11, 2), out var hour) || !Digits(s.Slice(14, 2), out var minute) || !Digits(s.Slice(17, 2), out var second))
        {
            return false;
        }
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }
        local = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified);
        return true;
    }

    /// <summary>A wall-clock time read as if it were UTC; subtracting the true instant gives the exporter's offset.</summary>
    public static long AsUtcMs(DateTime local) => (local.Ticks - DateTime.UnixEpoch.Ticks) / TimeSpan.TicksPerMillisecond;

    private static bool Digits(ReadOnlySpan<byte> s, out int value)
    {
        value = 0;
        foreach (var b in s)
        {
            if (b is < (byte)'0' or > (byte)'9')
            {
                return false;
            }
            value = (value * 10) + (b - '0');
        }
        return true;
    }
}
