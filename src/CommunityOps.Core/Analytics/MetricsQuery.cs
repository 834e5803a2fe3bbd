using CommunityOps.Resources;

namespace CommunityOps.Analytics;

/// <summary>A date range in local dates (both ends inclusive, either may be left to the defaults) and an optional zone override.</summary>
public sealed record MetricsQuery(DateOnly? From = null, DateOnly? To = null, string? TimeZone = null)
{
    /// <summary>Days in the default range when only one end, or neither, is given.</summary>
    public const int DefaultDays = 90;

    public static MetricsQuery Default { get; } = new();
}

/// <summary>The layer and core-contributor thresholds; the defaults are the contract in docs/metrics.md.</summary>
public sealed record LayerThresholds
{
    public int NewDays { get; init; } = 7;
    public int ActiveDays { get; init; } = 7;
    public int CasualDays { get; init; } = 30;
    public int CoreDays { get; init; } = 30;
    public int CoreSharePercent { get; init; } = 80;

    public static LayerThresholds Default { get; } = new();

    public void Validate()
    {
        if (NewDays < 1 || ActiveDays < 1 || CasualDays < ActiveDays || CoreDays < 1 || CoreSharePercent is < 1 or > 100)
        {
            throw new CommunityOpsException(Errors.LayerThresholds(NewDays, ActiveDays, CasualDays, CoreDays, CoreSharePercent));
        }
    }
}

/// <summary>Analytics settings, bound once from configuration ("Analytics" section).</summary>
public sealed class AnalyticsOptions
{
    /// <summary>Thresholds for workspaces not named in <see cref="Workspaces"/>.</summary>
    public LayerThresholds Layers { get; set; } = LayerThresholds.Default;

    /// <summary>Per-workspace thresholds by workspace name.</summary>
    public Dictionary<string, LayerThresholds> Workspaces { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Entries in each ranked list (top contributors, top messages, inviters, links).</summary>
    public int TopCount { get; set; } = 10;

    public LayerThresholds For(string workspace) => Workspaces.TryGetValue(workspace, out var t) ? t : Layers;
}
