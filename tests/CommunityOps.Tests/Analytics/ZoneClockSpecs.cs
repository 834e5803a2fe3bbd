using CommunityOps.Analytics;

namespace CommunityOps.Tests.Analytics;

public sealed class ZoneClockSpecs
{
    [Theory]
    [InlineData("America/New_York")]
    [InlineData("Europe/Berlin")]
    [InlineData("Asia/Shanghai")]
    [InlineData("Australia/Lord_Howe")]
    [InlineData("UTC")]
    public void Local_days_and_hours_match_TimeZoneInfo_for_instants_read_in_time_order(string zoneId)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
        var cursor = new ZoneCursor(ZoneClock.For(zone));
        var random = new Random(5);
        var ms = new DateTimeOffset(2019, 12, 25, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
        for (var i = 0; i < 20_000; i++)
        {
            // Steps from a millisecond to two days, so that every DST change is crossed and hit closely.
            ms += random.Next(4) == 0 ? random.Next(1, 1000) : random.NextInt64(1, 2 * 86_400_000L);
            var local = TimeZoneInfo.ConvertTime(DateTimeOffset.FromUnixTimeMilliseconds(ms), zone).DateTime;
            var mine = cursor.Local(ms);

            LocalDays.ToDate(LocalDays.DayOf(mine)).ShouldBe(DateOnly.FromDateTime(local), $"{zoneId} at {ms}");
            LocalDays.HourOf(mine).ShouldBe(local.Hour, $"{zoneId} at {ms}");
        }
    }

    [Fact]
    public void Weeks_start_on_monday_and_months_on_the_first()
    {
        var day = LocalDays.FromDate(new DateOnly(2026, 3, 8));

        LocalDays.Weekday(day).ShouldBe(6);
        LocalDays.Format(LocalDays.WeekStart(LocalDays.WeekOf(day))).ShouldBe("2026-03-02");
        LocalDays.Format(LocalDays.MonthStart(LocalDays.MonthOf(day))).ShouldBe("2026-03-01");
        LocalDays.Format(LocalDays.WeekStart(LocalDays.WeekOf(LocalDays.FromDate(new DateOnly(1969, 12, 31))))).ShouldBe("1969-12-29");
    }

    [Fact]
    public void Nearest_rank_percentiles_are_the_ceil_p_n_th_smallest()
    {
        var random = new Random(9);
        for (var n = 1; n < 300; n++)
        {
            var values = Enumerable.Range(0, n).Select(_ => random.Next(50)).ToArray();
            var sorted = values.Order().ToArray();

            var (median, p90) = ReportCalculator.Percentiles(values);

            (median, p90).ShouldBe((sorted[(int)Math.Ceiling(0.5m * n) - 1], sorted[(int)Math.Ceiling(0.9m * n) - 1]), $"n = {n}");
        }
    }
}
