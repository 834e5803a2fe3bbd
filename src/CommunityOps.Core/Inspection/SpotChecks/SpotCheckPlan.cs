namespace CommunityOps.Inspection.SpotChecks;

public enum SamplingMode
{
    /// <summary>A percentage of each stratum's conversations, rounded up (so nobody with a conversation is skipped).</summary>
    Percent,

    /// <summary>A fixed number of conversations per stratum (all of them when it has fewer).</summary>
    Count,
}

public enum SamplingStrata
{
    /// <summary>Each operator in each community is a stratum (an operator is a staff member of one community).</summary>
    Operator,

    /// <summary>Each community is a stratum, whoever answered.</summary>
    Community,
}

/// <summary>
/// A sampling plan for one period: which conversations of which communities, how many per stratum,
/// and the seed that makes the draw repeatable. Conversations are defined in docs/inspection.md.
/// </summary>
public sealed class SpotCheckPlan
{
    public long Id { get; set; }
    public long WorkspaceId { get; set; }
    public required string Name { get; set; }

    /// <summary>The period, [from, to): a conversation belongs to it by the time of the operator's reply.</summary>
    public DateTimeOffset PeriodFrom { get; set; }

    public DateTimeOffset PeriodTo { get; set; }
    public SamplingMode Mode { get; set; }

    /// <summary>The percentage (0-100] or the count per stratum.</summary>
    public double Amount { get; set; }

    public long Seed { get; set; }
    public SamplingStrata Strata { get; set; }

    /// <summary>Community ids, comma-separated; null for every community of the workspace.</summary>
    public string? Communities { get; set; }

    public long RubricId { get; set; }
    public required string CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? SampledAt { get; set; }
}
