using System.Globalization;
using System.Text.Json;
using CommunityOps.Resources;

namespace CommunityOps.Inspection.Staff;

/// <summary>
/// When someone is on duty: weekdays and daily time windows in a time zone, e.g.
/// {"timeZone": "Asia/Shanghai", "days": ["mon","tue","wed","thu","fri"], "hours": ["09:00-12:00", "13:30-18:00"]}.
/// A window may cross midnight ("22:00-02:00" belongs to the day it starts). Several schedules
/// combine as a union (a community is covered while any of its operators is on duty).
/// </summary>
public sealed class WorkingHours
{
    private static readonly string[] DayNames = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

    private readonly TimeZoneInfo _zone;
    private readonly bool[] _days;
    private readonly (TimeSpan Start, TimeSpan End)[] _windows;

    public WorkingHours(TimeZoneInfo zone, IEnumerable<DayOfWeek> days, IEnumerable<(TimeSpan Start, TimeSpan End)> windows)
    {
        _zone = zone;
        _days = new bool[7];
        foreach (var day in days)
        {
            _days[(int)day] = true;
        }

        _windows = [.. windows];
    }

    /// <summary>Every day, all day, UTC: the default when a rule names no hours.</summary>
    public static WorkingHours Always { get; } = new(TimeZoneInfo.Utc, Enum.GetValues<DayOfWeek>(), [(TimeSpan.Zero, TimeSpan.FromDays(1))]);

    /// <summary>On-duty intervals (UTC) that overlap [from, to).</summary>
    public IEnumerable<(DateTimeOffset Start, DateTimeOffset End)> Intervals(DateTimeOffset from, DateTimeOffset to)
    {
        var firstDay = TimeZoneInfo.ConvertTime(from, _zone).Date.AddDays(-1);
        var lastDay = TimeZoneInfo.ConvertTime(to, _zone).Date;
        for (var day = firstDay; day <= lastDay; day = day.AddDays(1))
        {
            if (!_days[(int)day.DayOfWeek])
            {
                continue;
            }

            foreach (var (start, end) in _windows)
            {
                var localStart = day + start;
                var localEnd = day + (end > start ? end : end + TimeSpan.FromDays(1));
                var s = new DateTimeOffset(localStart, _zone.GetUtcOffset(localStart));
                var e = new DateTimeOffset(localEnd, _zone.GetUtcOffset(localEnd));
                if (e > from && s < to)
                {
                    yield return (s < from ? from : s, e > to ? to : e);
                }
            }
        }
    }

    /// <summary>Minutes between two instants during which any of <paramref name="schedules"/> is on duty.</summary>
    public static double MinutesOnDuty(IReadOnlyList<WorkingHours> schedules, DateTimeOffset from, DateTimeOffset to)
    {
        if (to <= from)
        {
            return 0;
        }

        var intervals = schedules.SelectMany(s => s.Intervals(from, to)).OrderBy(i => i.Start).ToList();
        double minutes = 0;
        DateTimeOffset coveredUntil = from;
        foreach (var (start, end) in intervals)
        {
            var s = start > coveredUntil ? start : coveredUntil;
            if (end > s)
            {
                minutes += (end - s).TotalMinutes;
                coveredUntil = end;
            }
        }

        return minutes;
    }

    internal static WorkingHours Parse(JsonElement json, string rule)
    {
        try
        {
            var zoneName = json.TryGetProperty("timeZone", out var z) ? z.GetString() ?? "UTC" : "UTC";
            var zone = zoneName.StartsWith('+') || zoneName.StartsWith('-')
                ? TimeZoneInfo.CreateCustomTimeZone(zoneName, TimeSpan.Parse(zoneName.TrimStart('+'), CultureInfo.InvariantCulture), zoneName, zoneName)
                : TimeZoneInfo.FindSystemTimeZoneById(zoneName);
            var days = json.TryGetProperty("days", out var d)
                ? d.EnumerateArray().Select(x => (DayOfWeek)Array.IndexOf(DayNames, x.GetString()!.ToLowerInvariant()[..3])).ToList()
                : [.. Enum.GetValues<DayOfWeek>()];
            if (days.Any(day => (int)day < 0))
            {
                throw new CommunityOpsException(Errors.WorkingHoursInvalid(rule, Errors.DaysMustBeNames()));
            }

            var windows = json.TryGetProperty("hours", out var h)
                ? h.EnumerateArray().Select(x => ParseWindow(x.GetString()!, rule)).ToList()
                : [(TimeSpan.Zero, TimeSpan.FromDays(1))];
            return new WorkingHours(zone, days, windows);
        }
        catch (Exception e) when (e is FormatException or TimeZoneNotFoundException or InvalidOperationException or ArgumentException or OverflowException or KeyNotFoundException)
        {
            throw new CommunityOpsException(Errors.WorkingHoursInvalid(rule, e.Message), e);
        }
    }

    private static (TimeSpan, TimeSpan) ParseWindow(string text, string rule)
    {
        var parts = text.Split('-', 2, StringSplitOptions.TrimEntries);
        if (parts.Length != 2)
        {
            throw new CommunityOpsException(Errors.WorkingHoursInvalid(rule, Errors.NotATimeWindow(text)));
        }

        return (Time(parts[0]), Time(parts[1]));

        static TimeSpan Time(string value) => value == "24:00" ? TimeSpan.FromDays(1) : TimeSpan.ParseExact(value, @"hh\:mm", CultureInfo.InvariantCulture);
    }
}
