using CommunityOps.Accounts;
using CommunityOps.Analytics;

namespace CommunityOps.Web.Dashboard.Overview;

public enum KpiFormat
{
    Number,
    Percent,
    Duration,
}

/// <summary>One headline figure over the chosen period and the same-length period before it.</summary>
public sealed record Kpi(string Key, double? Current, double? Previous, KpiFormat Format, bool HigherIsBetter)
{
    /// <summary>Relative change; null when there is nothing to compare with.</summary>
    public double? Change => Current is { } c && Previous is { } p && p != 0 ? (c - p) / Math.Abs(p) : null;
}

public sealed record AttentionItem(long CommunityId, string Name, double Value, KpiFormat Format);

public sealed record OverviewModel(
    WorkspaceRole Workspace, int Days, DateOnly From, DateOnly To, IReadOnlyList<Kpi> Kpis,
    IReadOnlyList<AttentionItem> Falling, IReadOnlyList<AttentionItem> Silent, IReadOnlyList<AttentionItem> Slow);

/// <summary>
/// The overview's figures, derived from two workspace reports of the engine (this period and the one
/// before). What is averaged and what is ranked is stated on the page; the definitions of the figures
/// themselves are docs/metrics.md.
/// </summary>
public static class Overview
{
    public static readonly IReadOnlyList<int> Periods = [7, 30, 90];

    /// <summary>A community needs this many messages in the previous period before its fall is ranked.</summary>
    public const int FallingMinimumMessages = 20;

    /// <summary>A community needs this many members in before its share of silent members is ranked.</summary>
    public const int SilentMinimumMembers = 10;

    public const int ListLength = 5;

    public static OverviewModel Build(WorkspaceRole workspace, int days, WorkspaceReport current, WorkspaceReport previous)
    {
        var now = current.Totals;
        var before = previous.Totals;
        var kpis = new List<Kpi>
        {
            new("Members", now.Summary.MembersEnd, before.Summary.MembersEnd, KpiFormat.Number, true),
            new("NetGrowth", now.Summary.Joined - now.Summary.Left, before.Summary.Joined - before.Summary.Left, KpiFormat.Number, true),
            new("Dau", Average(now, d => d.Dau), Average(before, d => d.Dau), KpiFormat.Number, true),
            new("Wau", Average(now, d => d.Wau), Average(before, d => d.Wau), KpiFormat.Number, true),
            new("Mau", Average(now, d => d.Mau), Average(before, d => d.Mau), KpiFormat.Number, true),
            new("Stickiness", Stickiness(now), Stickiness(before), KpiFormat.Percent, true),
            new("ResponseTime", now.Response.MedianSeconds, before.Response.MedianSeconds, KpiFormat.Duration, false),
        };
        var earlier = previous.Communities.Where(c => c.CommunityId is not null).ToDictionary(c => c.CommunityId!.Value);
        var falling = current.Communities
            .Select(c => (c, p: earlier.GetValueOrDefault(c.CommunityId ?? 0)))
            .Where(x => x.p is { Summary.Messages: >= FallingMinimumMessages } && x.c.Summary.Messages < x.p.Summary.Messages)
            .Select(x => Item(x.c, (x.c.Summary.Messages - x.p!.Summary.Messages) / (double)x.p.Summary.Messages, KpiFormat.Percent))
            .OrderBy(i => i.Value).Take(ListLength).ToList();
        var silent = current.Communities
            .Select(c => (c, members: c.Layers.New + c.Layers.Active + c.Layers.Casual + c.Layers.Silent))
            .Where(x => x.members >= SilentMinimumMembers && x.c.Layers.Silent > 0)
            .Select(x => Item(x.c, x.c.Layers.Silent / (double)x.members, KpiFormat.Percent))
            .OrderByDescending(i => i.Value).Take(ListLength).ToList();
        var slow = current.Communities
            .Where(c => c.Response.MedianSeconds is not null && c.Response.Answered > 0)
            .Select(c => Item(c, c.Response.MedianSeconds!.Value, KpiFormat.Duration))
            .OrderByDescending(i => i.Value).Take(ListLength).ToList();
        return new OverviewModel(workspace, days, current.From, current.To, kpis, falling, silent, slow);
    }

    private static AttentionItem Item(CommunityReport c, double value, KpiFormat format) => new(c.CommunityId ?? 0, c.Community ?? "", value, format);

    /// <summary>The mean over the period's days: a single day's DAU says more about the weekday than about the community.</summary>
    private static double? Average(CommunityReport report, Func<DayMetrics, int> pick) =>
        report.Days.Count == 0 ? null : Math.Round(report.Days.Average(pick), 1);

    private static double? Stickiness(CommunityReport report) =>
        Average(report, d => d.Mau) is { } mau && mau > 0 ? Average(report, d => d.Dau)!.Value / mau : null;
}
