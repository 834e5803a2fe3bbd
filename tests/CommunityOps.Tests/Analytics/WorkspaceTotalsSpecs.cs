using System.Globalization;
using CommunityOps.Analytics;
using CommunityOps.Tests.Infra;

namespace CommunityOps.Tests.Analytics;

public sealed class WorkspaceTotalsSpecs : IDisposable
{
    private readonly TempFiles _files = new();

    [Fact]
    public async Task Every_community_is_reported_over_one_range_and_the_totals_add_up()
    {
        await using var store = await TestStore.CreateAsync("sqlite");
        store.Import(_files, new RandomHistory(41).Jsonl());
        using var analytics = await AnalyticsStore.OpenAsync(store.Store);
        var engine = new MetricsEngine(analytics);

        var report = await engine.WorkspaceAsync("default");

        report.Communities.Count.ShouldBe(3);
        report.Communities.ShouldAllBe(c => c.From == report.From && c.To == report.To);
        var totals = report.Totals;
        for (var i = 0; i < totals.Days.Count; i++)
        {
            totals.Days[i].Mau.ShouldBe(report.Communities.Sum(c => c.Days[i].Mau));
            totals.Days[i].Members.ShouldBe(report.Communities.Sum(c => c.Days[i].Members));
        }
        totals.Layers.Silent.ShouldBe(report.Communities.Sum(c => c.Layers.Silent));
        totals.Response.Periods.ShouldBe(report.Communities.Sum(c => c.Response.Periods));
        totals.Heatmap.Messages.Sum(r => r.Sum()).ShouldBe(totals.Summary.Messages);
        foreach (var community in report.Communities)
        {
            var alone = await engine.CommunityAsync(community.CommunityId!.Value.ToString(CultureInfo.InvariantCulture), new MetricsQuery(report.From, report.To));
            MetricsJson.Serialize(community).ShouldBe(MetricsJson.Serialize(alone));
        }
    }

    [Fact]
    public async Task Total_response_percentiles_and_core_contributors_are_exact_over_all_communities()
    {
        await using var store = await TestStore.CreateAsync("sqlite");
        store.Import(_files, new RandomHistory(42).Jsonl());
        using var analytics = await AnalyticsStore.OpenAsync(store.Store);
        var report = await new MetricsEngine(analytics).WorkspaceAsync();

        // Pool each community's reference periods and message counts and rank them over the union.
        var waits = new List<int>();
        var counts = new List<int>();
        foreach (var id in await store.CommunityIdsAsync())
        {
            var reference = await store.ReferenceAsync(id);
            waits.AddRange(reference.AnswerWaits(report.From, report.To));
            counts.AddRange(reference.CoreCounts(report.To));
        }
        var total = counts.Sum();
        var core = counts.OrderDescending().Select((c, i) => (Covered: counts.OrderDescending().Take(i).Sum(), c)).Count(x => x.Covered * 100L < total * 80L);

        waits.Count.ShouldBeGreaterThan(10);
        report.Totals.Response.ShouldBe(new ResponseMetrics(report.Communities.Sum(c => c.Response.Periods), waits.Count,
            ReferenceMetrics.NearestRank(waits, 0.5m), ReferenceMetrics.NearestRank(waits, 0.9m), null));
        (report.Totals.CoreContributors.Messages, report.Totals.CoreContributors.Count).ShouldBe((total, core));
    }

    public void Dispose() => _files.Dispose();
}
