using CommunityOps.Analytics;
using CommunityOps.Messages;

namespace CommunityOps.Tests.Analytics;

/// <summary>The state keeps small counters in 16 bits; counts past 65,535 must still come out exact.</summary>
public sealed class CompactCountersSpecs
{
    [Fact]
    public void Seventy_thousand_replies_in_one_hour_by_one_member_are_counted_exactly()
    {
        const int n = 70_000;
        var state = new CommunityState(1, "busy", 1, "default", ZoneClock.For("UTC"));
        state.AddMember(10, "poster", isStaff: false);
        state.AddMember(11, "replier", isStaff: false);
        var start = new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
        var events = new FoldEvent[n + 1];
        events[0] = new FoldEvent { Ms = start, Id = 1, Member = 0, Kind = ActivityKind.Message, Target = -1, Related = -1, Link = -1 };
        for (var i = 1; i <= n; i++)
        {
            // Every reply is by the same member to the first message, all within 09:00-09:59.
            events[i] = new FoldEvent { Ms = start + (i * 50L), Id = i + 1, Member = 1, Kind = ActivityKind.Message, Target = 0, IsReply = true, Related = -1, Link = -1 };
        }
        state.Fold(events);

        var report = new ReportCalculator(state, LocalDays.FromDate(new DateOnly(2026, 3, 2)), LocalDays.FromDate(new DateOnly(2026, 3, 2)), LayerThresholds.Default, 10).Compute();

        report.Heatmap.Messages[0][9].ShouldBe(n + 1);
        report.Interaction.TopMessages![0].Replies.ShouldBe(n);
        report.Interaction.TopContributors!.Select(c => c.Messages).ShouldBe([n, 1]);
        report.CoreContributors.Messages.ShouldBe(n + 1);
        report.Days.Single().Dau.ShouldBe(2);
        using var stream = new MemoryStream();
        StateSnapshot.Write(stream, state);
        stream.Position = 0;
        var restored = StateSnapshot.Read(stream)!;
        MetricsJson.Serialize(new ReportCalculator(restored, report.From.DayNumber - new DateOnly(1970, 1, 1).DayNumber, report.To.DayNumber - new DateOnly(1970, 1, 1).DayNumber, LayerThresholds.Default, 10).Compute())
            .ShouldBe(MetricsJson.Serialize(report));
    }
}
