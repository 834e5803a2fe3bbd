namespace CommunityOps.Analytics;

/// <summary>
/// Local dates as day numbers since 1970-01-01 (a Thursday), with Monday-based weeks and calendar
/// months as small integers, so that rollups are plain arrays indexed by day.
/// </summary>
internal static class LocalDays
{
    private static readonly int EpochDayNumber = new DateOnly(1970, 1, 1).DayNumber;

    public static int DayOf(long localMs) => (int)FloorDiv(localMs, ZoneClock.DayMs);

    public static int HourOf(long localMs)
    {
        var inDay = localMs % ZoneClock.DayMs;
        if (inDay < 0)
        {
            inDay += ZoneClock.DayMs;
        }
        return (int)(inDay / ZoneClock.HourMs);
    }

    /// <summary>0 = Monday ... 6 = Sunday.</summary>
    public static int Weekday(int day) => (int)((day + 3L) - (FloorDiv(day + 3L, 7) * 7));

    /// <summary>Monday-based week number; week 0 starts on Monday 1969-12-29.</summary>
    public static int WeekOf(int day) => (int)FloorDiv(day + 3L, 7);

    public static int WeekStart(int week) => (week * 7) - 3;

    public static int MonthOf(int day)
    {
        var date = ToDate(day);
        return (date.Year * 12) + date.Month - 1;
    }

    public static int MonthStart(int month) => FromDate(new DateOnly(month / 12, (month % 12) + 1, 1));

    private static long FloorDiv(long a, long b) => a >= 0 ? a / b : ((a + 1) / b) - 1;

    public static DateOnly ToDate(int day) => DateOnly.FromDayNumber(day + EpochDayNumber);

    public static int FromDate(DateOnly date) => date.DayNumber - EpochDayNumber;

    public static string Format(int day) => ToDate(day).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
