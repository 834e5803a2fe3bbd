using CommunityOps.Analytics;
using CommunityOps.Ingestion;
using CommunityOps.Tests.Infra;
using Microsoft.EntityFrameworkCore;

namespace CommunityOps.Tests.Analytics;

/// <summary>Imports JSONL into a test store and compares the engine's reports with the reference's.</summary>
internal static class MetricsFixture
{
    public static void Import(this TestStore store, TempFiles files, string jsonl, ImportOptions? options = null)
    {
        var path = files.Write($"{Guid.NewGuid():N}.jsonl", jsonl);
        new ImportService(store.Store).Import([path], options ?? new ImportOptions());
    }

    public static async Task<ReferenceMetrics> ReferenceAsync(this TestStore store, long communityId, string? zone = null)
    {
        await using var db = store.Store.CreateDbContext();
        var community = await db.Communities.SingleAsync(c => c.Id == communityId);
        var members = await db.Members.Where(m => m.CommunityId == communityId).ToListAsync();
        var activities = await db.Activities.Where(a => a.CommunityId == communityId).ToListAsync();
        return new ReferenceMetrics(community, members, activities, zone);
    }

    public static async Task<List<long>> CommunityIdsAsync(this TestStore store)
    {
        await using var db = store.Store.CreateDbContext();
        return await db.Communities.OrderBy(c => c.Id).Select(c => c.Id).ToListAsync();
    }

    /// <summary>Section by section, so that a failure names the metric that differs.</summary>
    public static void ShouldMatch(this CommunityReport actual, CommunityReport expected, string because)
    {
        actual = actual with { Workspace = null };
        foreach (var (name, pick) in Sections)
        {
            Json(pick(actual)).ShouldBe(Json(pick(expected)), $"{because}: {name}");
        }
        Json(actual).ShouldBe(Json(expected), because);
    }

    /// <summary>Reports of the same store on two providers: identical except for activity ids, which each database numbers itself.</summary>
    public static string WithoutActivityIds(CommunityReport report) => Json(report with
    {
        Interaction = report.Interaction with { TopMessages = report.Interaction.TopMessages?.ConvertAll(m => m with { Id = 0 }) },
    });

    private static readonly (string Name, Func<CommunityReport, object?> Pick)[] Sections =
    [
        ("days", r => r.Days), ("summary", r => r.Summary), ("cohorts", r => r.Cohorts), ("heatmap", r => r.Heatmap),
        ("layers", r => r.Layers), ("core", r => r.CoreContributors), ("response", r => r.Response),
        ("interaction", r => r.Interaction), ("growth", r => r.Growth),
    ];

    private static string Json(object? value) => value switch
    {
        CommunityReport r => MetricsJson.Serialize(r, indented: true),
        _ => MetricsJson.Serialize(Wrap(value), indented: true),
    };

    // Sections are serialized inside a minimal report so that the shared JSON settings apply to them.
    private static CommunityReport Wrap(object? section) => new()
    {
        From = default,
        To = default,
        Summary = section as MetricsSummary ?? new MetricsSummary(0, 0, 0, 0, 0, 0, 0, 0),
        Days = section as List<DayMetrics> ?? [],
        Cohorts = section as CohortTables ?? new CohortTables([], []),
        Heatmap = section as Heatmap ?? new Heatmap([]),
        Layers = section as LayerCounts ?? new LayerCounts(0, 0, 0, 0, 0),
        CoreContributors = section as CoreContributors ?? new CoreContributors(0, 0, 0, 0, []),
        Response = section as ResponseMetrics ?? new ResponseMetrics(0, 0, null, null, null),
        Interaction = section as InteractionMetrics ?? new InteractionMetrics
        {
            Messages = 0, ActiveMembers = 0, Replies = 0, ReactionsGiven = 0, ReactionsReceived = 0, Mentions = 0,
            MessagesPerActiveMember = 0, RepliedMessages = 0, RepliedShare = 0,
        },
        Growth = section as GrowthSources ?? new GrowthSources(0, null, null, 0, 0, 0),
    };
}
