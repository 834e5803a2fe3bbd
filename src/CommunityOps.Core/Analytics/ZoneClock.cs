using System.Collections.Concurrent;

namespace CommunityOps.Analytics;

/// <summary>
/// Turns UTC instants into local day numbers and hours without calling <see cref="TimeZoneInfo"/> per
/// event: the zone's offset changes are found once per year (sampled hourly, then bisected to the
/// millisecond) and events, which arrive in time order, walk from one constant-offset span to the next.
/// </summary>
internal sealed class ZoneClock
{
    public const long DayMs = 86_400_000;
    public const long HourMs = 3_600_000;
    private const long YearProbeMs = HourMs;

    private static readonly ConcurrentDictionary<string, ZoneClock> Clocks = new(StringComparer.Ordinal);

    private readonly ConcurrentDictionary<int, Span[]> _years = new();

    private ZoneClock(TimeZoneInfo zone) => Zone = zone;

    public TimeZoneInfo Zone { get; }

    public string Id => Zone.Id;

    public static ZoneClock For(TimeZoneInfo zone) => Clocks.GetOrAdd(zone.Id, _ => new ZoneClock(zone));

    public static ZoneClock For(string zoneId) => Clocks.TryGetValue(zoneId, out var clock)
        ? clock
        : For(Ingestion.Common.TimeParsing.FindZone(zoneId));

    /// <summary>The constant-offset span holding <paramref name="utcMs"/>.</summary>
    public Span Find(long utcMs)
    {
        var year = DateTimeOffset.FromUnixTimeMilliseconds(Math.Clamp(utcMs, -62_135_596_800_000L + DayMs, 253_402_300_799_000L - DayMs)).Year;
        var spans = _years.GetOrAdd(year, Build);
        foreach (var span in spans)
        {
            if (utcMs < span.End)
            {
                return span;
            }
        }
        return spans[^1];
    }

    public long OffsetMs(long utcMs) => (long)Zone.GetUtcOffset(DateTimeOffset.FromUnixTimeMilliseconds(utcMs)).TotalMilliseconds;

    private Span[] Build(int year)
    {
        var start = new DateTimeOffset(year, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
        var end = new DateTimeOffset(year + 1, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
        var spans = new List<Span>();
        var spanStart = start;
        var offset = OffsetMs(start);
        for (var probe = start + YearProbeMs; probe < end + YearProbeMs; probe += YearProbeMs)
        {
            var at = Math.Min(probe, end);
            var next = OffsetMs(at);
            if (next == offset)
            {
                continue;
            }
            // The change lies in (at - probe step, at]: bisect to the first millisecond with the new offset.
            long lo = at - YearProbeMs, hi = at;
            while (hi - lo > 1)
            {
                var mid = lo + ((hi - lo) / 2);
                if (OffsetMs(mid) == offset)
                {
                    lo = mid;
                }
                else
                {
                    hi = mid;
                }
            }
            if (hi >= end)
            {
                break;
            }
            spans.Add(new Span(spanStart, hi, offset));
            spanStart = hi;
            offset = OffsetMs(hi);
        }
        spans.Add(new Span(spanStart, end, offset));
        return [.. spans];
    }

    /// <summary>[Start, End) in UTC milliseconds with one offset.</summary>
    public readonly record struct Span(long Start, long End, long OffsetMs);
}

/// <summary>A moving position on a <see cref="ZoneClock"/> for events read in time order.</summary>
internal struct ZoneCursor(ZoneClock clock)
{
    private long _start = long.MaxValue;
    private long _end = long.MinValue;
    private long _offset;

    public ZoneClock Clock { get; } = clock;

    /// <summary>Local wall-clock milliseconds since 1970-01-01T00:00 local.</summary>
    public long Local(long utcMs)
    {
        if (utcMs < _start || utcMs >= _end)
        {
            var span = Clock.Find(utcMs);
            (_start, _end, _offset) = (span.Start, span.End, span.OffsetMs);
        }
        return utcMs + _offset;
    }
}
