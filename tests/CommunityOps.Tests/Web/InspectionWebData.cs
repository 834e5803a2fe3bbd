using CommunityOps.Inspection;
using CommunityOps.Inspection.Findings;
using CommunityOps.Inspection.RuleSets;
using CommunityOps.Inspection.Runs;
using CommunityOps.Inspection.SpotChecks;
using CommunityOps.Tests.Infra;
using Microsoft.EntityFrameworkCore;

namespace CommunityOps.Tests.Web;

/// <summary>
/// Inspection records for web tests: a small keyword rule set saved as the workspace's own (quick to
/// compile, no datasets), a pass over what was imported, and a sampled spot-check plan.
/// </summary>
internal static class InspectionWebData
{
    public const string Rules = """
        {
          "name": "web",
          "version": "1",
          "rules": [
            { "name": "lead", "type": "keywords", "category": "contact", "severity": "high", "parameters": { "words": ["加微信", "alert"] } }
          ]
        }
        """;

    /// <summary>A staff member answering a member who asks for WeChat, in <paramref name="community"/>.</summary>
    public static string Conversation(TempFiles files, string community, string name, string prefix) => files.Write($"{prefix}-conversation.jsonl", string.Join('\n',
        WebData.Join(community, name, $"{prefix}-op", "Staff Sam", "2026-02-01T08:00:00+08:00", staff: true),
        WebData.Message(community, $"{prefix}-q", $"{prefix}-asker", "2026-02-03T10:00:00+08:00", "加微信 聊聊"),
        WebData.Message(community, $"{prefix}-a", $"{prefix}-op", "2026-02-03T10:02:00+08:00", "请在群里说")) + "\n");

    public sealed record Seeded(long FindingId, long PlanId, long SampleId, long OperatorMemberId);

    /// <summary>Saves <see cref="Rules"/> for the workspace, inspects what is pending, and plans a spot check of February 2026.</summary>
    public static async Task<Seeded> SeedAsync(TestWebHost host, string workspace)
    {
        long workspaceId;
        await using (var db = host.Store.CreateDbContext())
        {
            workspaceId = await db.Workspaces.Where(w => w.Name == workspace).Select(w => w.Id).SingleAsync();
        }
        var saved = await new WorkspaceRuleSets(host.Store).SaveAsync(workspaceId, Rules, "seed", null);
        await new InspectionRunner(host.Store, Inspector.Create(saved.Parse())).RunPendingAsync(workspace);
        var plan = await new SpotCheckService(host.Store).CreatePlanAsync(new PlanRequest(workspace, "february",
            new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero), SamplingMode.Count, 5,
            Rubric.Load("default"), "seed", Seed: 42));
        var sample = (await new SpotCheckService(host.Store).SampleAsync(plan.Id, "seed")).First();
        var finding = (await new CommunityOps.Inspection.Reviews.FindingReviews(host.Store).ListAsync(new FindingFilter { Workspace = workspace })).First();
        return new Seeded(finding.Id, plan.Id, sample.Id, sample.OperatorId);
    }
}
