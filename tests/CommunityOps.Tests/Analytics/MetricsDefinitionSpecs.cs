using System.Text.Json.Nodes;
using CommunityOps.Analytics;
using CommunityOps.Tests.Infra;

namespace CommunityOps.Tests.Analytics;

/// <summary>
/// The worked example of docs/metrics.md: a small club in Asia/Shanghai whose figures are computed
/// by hand there. Each test checks one definition on it.
/// </summary>
public sealed class MetricsDefinitionSpecs : IAsyncLifetime
{
    private const string Club = """
        {"type":"join","id":"j-ha","community":"club","community_name":"Coffee Club","time_zone":"Asia/Shanghai","member":"ha","member_name":"Ha","time":"2026-01-05T10:00:00+08:00"}
        {"type":"join","id":"j-fo","community":"club","member":"fo","member_name":"Fo","time":"2026-01-10T10:00:00+08:00"}
        {"type":"join","id":"j-gu","community":"club","member":"gu","member_name":"Gu","time":"2026-01-12T10:00:00+08:00"}
        {"type":"message","id":"g1","community":"club","member":"gu","time":"2026-01-20T10:00:00+08:00","text":"anyone here?"}
        {"type":"leave","id":"l-di","community":"club","member":"di","member_name":"Di","time":"2026-03-02T10:00:00+08:00"}
        {"type":"join","id":"j-bo","community":"club","member":"bo","member_name":"Bo","time":"2026-03-02T09:00:00+08:00","inviter":"ann","invite_link":"https://t.me/+L1"}
        {"type":"message","id":"m1","community":"club","channel":"ch1","member":"bo","time":"2026-03-02T20:00:00+08:00","text":"hi"}
        {"type":"message","id":"m2","community":"club","channel":"ch1","member":"ann","member_name":"Ann","is_staff":true,"time":"2026-03-02T20:30:00+08:00","text":"welcome","reply_to":"m1"}
        {"type":"message","id":"m3","community":"club","channel":"ch1","member":"cy","member_name":"Cy","time":"2026-03-03T08:00:00+08:00","text":"morning"}
        {"type":"reaction","id":"r1","community":"club","member":"bo","message":"m3","emoji":"👍","time":"2026-03-03T09:00:00+08:00"}
        {"type":"message","id":"m4","community":"club","channel":"ch1","member":"ed","member_name":"Ed","time":"2026-03-04T10:00:00+08:00","text":"question"}
        {"type":"message","id":"m5","community":"club","channel":"ch1","member":"ann","is_staff":true,"time":"2026-03-05T10:00:01+08:00","text":"answer","reply_to":"m4"}
        {"type":"leave","id":"l-cy","community":"club","member":"cy","time":"2026-03-05T12:00:00+08:00"}
        {"type":"message","id":"h1","community":"club","channel":"ch2","member":"ha","time":"2026-03-08T10:00:00+08:00","text":"sunday"}
        {"type":"join","id":"j-cy","community":"club","member":"cy","time":"2026-03-09T12:00:00+08:00"}
        """;

    private readonly TempFiles _files = new();
    private TestStore _store = null!;
    private AnalyticsStore _analytics = null!;
    private CommunityReport _report = null!;

    public async Task InitializeAsync()
    {
        _store = await TestStore.CreateAsync("sqlite");
        _store.Import(_files, Club);
        _analytics = await AnalyticsStore.OpenAsync(_store.Store);
        _report = await new MetricsEngine(_analytics).CommunityAsync("Coffee Club");
    }

    [Fact]
    public void The_default_range_ends_on_the_last_day_with_activity_and_spans_90_days()
    {
        (_report.From, _report.To, _report.Tz).ShouldBe((new DateOnly(2025, 12, 10), new DateOnly(2026, 3, 9), "Asia/Shanghai"));
        _report.Days.Count.ShouldBe(90);
    }

    [Fact]
    public void A_member_whose_first_event_is_a_leave_was_a_member_before_the_history_starts()
    {
        Day(2025, 12, 10).Members.ShouldBe(1);
        Day(2026, 3, 2).ShouldBe(new DayMetrics(new DateOnly(2026, 3, 2), Joined: 1, Left: 1, Members: 4, Messages: 1, StaffMessages: 1, Dau: 1, Wau: 1, Mau: 1));
    }

    [Fact]
    public void A_message_while_out_is_an_implicit_join_and_a_rejoin_counts_as_joined_again()
    {
        (Day(2026, 3, 3).Joined, Day(2026, 3, 5).Left, Day(2026, 3, 9).Joined).ShouldBe((1, 1, 1));
        _report.Summary.ShouldBe(new MetricsSummary(Joined: 7, Left: 2, MembersStart: 1, MembersEnd: 6, Messages: 5, StaffMessages: 2, ActiveMembers: 5, StaffMembers: 1));
    }

    [Fact]
    public void Wau_and_mau_count_distinct_members_over_the_7_and_30_days_ending_on_the_day()
    {
        Day(2026, 3, 8).ShouldBe(new DayMetrics(new DateOnly(2026, 3, 8), 0, 0, 5, 1, 0, Dau: 1, Wau: 4, Mau: 4));
        Day(2026, 3, 8).Stickiness.ShouldBe(0.25);
    }

    [Fact]
    public void A_cohort_is_the_week_of_the_first_join_and_counts_its_members_active_week_by_week()
    {
        var weekly = _report.Cohorts.Weekly.ToDictionary(c => c.Week!.Value);
        weekly[new DateOnly(2026, 3, 2)].ShouldBe(new Cohort(new DateOnly(2026, 3, 2), null, 3, [3, 0]), new CohortComparer());
        weekly[new DateOnly(2026, 1, 5)].Active.ShouldBe([0, 0, 0, 0, 0, 0, 0, 0, 1, 0]);
        weekly[new DateOnly(2026, 1, 12)].Active.ShouldBe([0, 1, 0, 0, 0, 0, 0, 0, 0]);
        _report.Cohorts.Monthly.Select(c => (c.Month!.Value.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), c.Size, string.Join(",", c.Active)))
            .ShouldBe([("2025-12-01", 0, "0,0,0,0"), ("2026-01-01", 3, "1,0,1"), ("2026-02-01", 0, "0,0"), ("2026-03-01", 3, "3")]);
    }

    [Fact]
    public void The_heatmap_counts_member_messages_by_local_weekday_and_hour()
    {
        var cells = _report.Heatmap.Messages.SelectMany((row, w) => row.Select((n, h) => (w, h, n))).Where(c => c.n > 0).ToList();
        cells.ShouldBe([(0, 20, 1), (1, 8, 1), (1, 10, 1), (2, 10, 1), (6, 10, 1)]);
    }

    [Fact]
    public void A_staff_message_within_24_hours_answers_the_waiting_period_and_one_a_second_later_does_not()
    {
        _report.Response.ShouldBe(new ResponseMetrics(5, 1, 1800, 1800, [new OperatorResponse(_report.Response.Operators![0].MemberId, "Ann", 1, 1800, 1800)]),
            new ResponseComparer());
    }

    [Fact]
    public async Task Every_member_ever_seen_is_in_one_layer_with_the_reason_in_words()
    {
        _report.Layers.ShouldBe(new LayerCounts(New: 2, Active: 1, Casual: 1, Silent: 2, Churned: 1));
        var listing = await new MetricsEngine(_analytics).MembersAsync("Coffee Club", null);
        listing.Members.Select(m => (m.SourceId, m.Layer, m.Reason)).OrderBy(m => m.SourceId, StringComparer.Ordinal).ShouldBe(
        [
            ("bo", MemberLayer.Casual, "last message on 2026-03-02, none in the last 7 days"),
            ("cy", MemberLayer.New, "joined on 2026-03-03"),
            ("di", MemberLayer.Churned, "left on 2026-03-02"),
            ("ed", MemberLayer.New, "joined on 2026-03-04"),
            ("fo", MemberLayer.Silent, "no message since joining on 2026-01-10"),
            ("gu", MemberLayer.Silent, "no message since 2026-01-20"),
            ("ha", MemberLayer.Active, "last message on 2026-03-08"),
        ]);
    }

    [Fact]
    public void Interaction_counts_replies_and_reactions_received_from_others()
    {
        var i = _report.Interaction;
        (i.Messages, i.ActiveMembers, i.Replies, i.ReactionsGiven, i.ReactionsReceived, i.RepliedMessages, i.RepliedShare, i.MessagesPerActiveMember)
            .ShouldBe((5, 5, 0, 1, 1, 2, 0.4, 1.0));
        i.TopMessages!.Select(m => (m.SourceId, m.Replies, m.Reactions, m.Text)).ShouldBe([("m1", 1, 0, "hi"), ("m3", 0, 1, "morning"), ("m4", 1, 0, "question")]);
    }

    [Fact]
    public void Growth_sources_attribute_joins_to_inviters_and_links_and_the_rest_to_no_record()
    {
        var g = _report.Growth;
        (g.Joins, g.WithInviter, g.WithLink, g.NoRecord).ShouldBe((7, 1, 1, 6));
        g.ByInviter!.Single().Name.ShouldBe("Ann");
        g.ByLink!.Single().ShouldBe(new LinkJoins("https://t.me/+L1", 1));
    }

    [Fact]
    public void The_JSON_has_the_contract_s_snake_case_shape()
    {
        var json = JsonNode.Parse(MetricsJson.Serialize(_report))!;

        json["community"]!.GetValue<string>().ShouldBe("Coffee Club");
        json["tz"]!.GetValue<string>().ShouldBe("Asia/Shanghai");
        json["from"]!.GetValue<string>().ShouldBe("2025-12-10");
        json["days"]![0]!.AsObject().Select(p => p.Key).ShouldBe(["date", "joined", "left", "members", "messages", "staff_messages", "dau", "wau", "mau", "stickiness"]);
        json["cohorts"]!["weekly"]![0]!.AsObject().Select(p => p.Key).ShouldBe(["week", "size", "active"]);
        json["heatmap"]!["messages"]!.AsArray().Select(r => r!.AsArray().Count).ShouldBe(Enumerable.Repeat(24, 7));
        json["layers"]!.AsObject().Select(p => p.Key).ShouldBe(["new", "active", "casual", "silent", "churned"]);
        json["response"]!.AsObject().Select(p => p.Key).ShouldBe(["periods", "answered", "median_seconds", "p90_seconds", "operators"]);
    }

    private DayMetrics Day(int y, int m, int d) => _report.Days.Single(x => x.Date == new DateOnly(y, m, d));

    public async Task DisposeAsync()
    {
        _analytics.Dispose();
        await _store.DisposeAsync();
        _files.Dispose();
    }

    private sealed class CohortComparer : IEqualityComparer<Cohort>
    {
        public bool Equals(Cohort? x, Cohort? y) => x is not null && y is not null && x.Week == y.Week && x.Size == y.Size && x.Active.SequenceEqual(y.Active);

        public int GetHashCode(Cohort obj) => obj.Size;
    }

    private sealed class ResponseComparer : IEqualityComparer<ResponseMetrics>
    {
        public bool Equals(ResponseMetrics? x, ResponseMetrics? y) =>
            x is not null && y is not null && x with { Operators = null } == y with { Operators = null } && x.Operators!.SequenceEqual(y.Operators!);

        public int GetHashCode(ResponseMetrics obj) => obj.Periods;
    }
}
