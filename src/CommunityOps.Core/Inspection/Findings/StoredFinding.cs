namespace CommunityOps.Inspection.Findings;

/// <summary>Where a stored finding is in its review: open until a reviewer confirms or dismisses it.</summary>
public enum FindingStatus
{
    Open,
    Confirmed,
    Dismissed,
}

/// <summary>
/// A <see cref="Finding"/> as stored for review: one row per (activity, rule), so re-scans update or keep
/// it rather than add another. <see cref="Matches"/> is the JSON array of the engine's
/// <see cref="FindingMatch"/>es; <see cref="RuleVersion"/> is the version of the rule that produced it.
/// </summary>
public sealed class StoredFinding
{
    public long Id { get; set; }
    public long WorkspaceId { get; set; }
    public long CommunityId { get; set; }

    /// <summary>The message, or for a join wave the join, the finding is about.</summary>
    public long ActivityId { get; set; }

    public long MemberId { get; set; }
    public DateTimeOffset OccurredAt { get; set; }
    public required string Rule { get; set; }
    public required string RuleVersion { get; set; }
    public required string RuleSet { get; set; }
    public required string Category { get; set; }
    public Severity Severity { get; set; }
    public double Score { get; set; }
    public required string Matches { get; set; }
    public string? Detail { get; set; }
    public FindingStatus Status { get; set; }
    public string? Reviewer { get; set; }
    public DateTimeOffset? ReviewedAt { get; set; }
    public string? Comment { get; set; }

    /// <summary>When this row was written or last updated by a pass.</summary>
    public DateTimeOffset FoundAt { get; set; }
}
