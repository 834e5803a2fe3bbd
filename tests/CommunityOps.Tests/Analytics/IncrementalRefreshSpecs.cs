using System.Globalization;
using CommunityOps.Analytics;
using CommunityOps.Ingestion;
using CommunityOps.Tests.Infra;

namespace CommunityOps.Tests.Analytics;

/// <summary>New activities change the figures without a rebuild; late history, reloads and staff changes still give the reference's figures.</summary>
public sealed class IncrementalRefreshSpecs : IDisposable
{
    private readonly TempFiles _files = new();

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Events_after_the_folded_ones_are_appended_and_equal_a_full_rebuild(string provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var history = new RandomHistory(21, onlyBackwardReferences: true);
        store.Import(_files, history.Jsonl(l => !history.IsLate(l, 50)));
        using var analytics = await AnalyticsStore.OpenAsync(store.Store);

        store.Import(_files, history.Jsonl(l => history.IsLate(l, 50)));
        var refresh = await analytics.RefreshAsync();

        refresh.Rebuilt.ShouldBe(0);
        refresh.Appended.ShouldBeGreaterThan(0);
        await ShouldEqualRebuildAndReferenceAsync(store, analytics);
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Older_history_imported_later_rebuilds_only_the_communities_it_touches(string provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var history = new RandomHistory(22);
        // The first import holds all of c2 and the later part of c0 and c1; then their earlier part
        // arrives, with replies that resolve references the first import could not.
        store.Import(_files, history.Jsonl(l => l.Community == "c2" || history.IsLate(l, 30)));
        using var analytics = await AnalyticsStore.OpenAsync(store.Store);

        store.Import(_files, history.Jsonl(l => l.Community != "c2" && !history.IsLate(l, 30)));
        var refresh = await analytics.RefreshAsync();

        refresh.Rebuilt.ShouldBe(2);
        await ShouldEqualRebuildAndReferenceAsync(store, analytics);
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task A_member_marked_as_staff_by_a_later_import_is_measured_as_staff_throughout(string provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var jsonl = new RandomHistory(23, communities: 1).Jsonl();
        store.Import(_files, jsonl);
        using var analytics = await AnalyticsStore.OpenAsync(store.Store);

        // Re-importing the same file with a staff list adds no activity but turns a member into staff.
        store.Import(_files, jsonl, new ImportOptions { Staff = new HashSet<string> { "c0u5" } });
        var refresh = await analytics.RefreshAsync();

        refresh.Activities.ShouldBe(0);
        refresh.Rebuilt.ShouldBe(1);
        await ShouldEqualRebuildAndReferenceAsync(store, analytics);
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task A_saved_state_reopens_without_folding_the_log_and_keeps_refreshing(string provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var history = new RandomHistory(24, onlyBackwardReferences: true);
        store.Import(_files, history.Jsonl(l => !history.IsLate(l, 40)));
        using (var first = await AnalyticsStore.OpenAsync(store.Store))
        {
            await first.SaveAsync();
            first.Unsaved.ShouldBe(0);
        }

        using var reopened = await AnalyticsStore.OpenAsync(store.Store);
        var idle = await reopened.RefreshAsync();
        store.Import(_files, history.Jsonl(l => history.IsLate(l, 40)));
        var refresh = await reopened.RefreshAsync();

        (idle.Activities, idle.Rebuilt).ShouldBe((0, 0));
        refresh.Rebuilt.ShouldBe(0);
        await ShouldEqualRebuildAndReferenceAsync(store, reopened);
    }

    private static async Task ShouldEqualRebuildAndReferenceAsync(TestStore store, AnalyticsStore analytics)
    {
        using var rebuilt = await AnalyticsStore.OpenAsync(store.Store);
        await rebuilt.RebuildAsync();
        var incremental = new MetricsEngine(analytics);
        var full = new MetricsEngine(rebuilt);
        foreach (var id in await store.CommunityIdsAsync())
        {
            var name = id.ToString(CultureInfo.InvariantCulture);
            var reference = await store.ReferenceAsync(id);
            var (from, to) = reference.DefaultRange();
            var report = await incremental.CommunityAsync(name);
            MetricsJson.Serialize(report).ShouldBe(MetricsJson.Serialize(await full.CommunityAsync(name)), $"community {id}: incremental vs rebuild");
            report.ShouldMatch(reference.Report(from, to), $"community {id}: incremental vs reference");
        }
    }

    public void Dispose() => _files.Dispose();
}
