namespace CommunityOps.Inspection.Runs;

/// <summary>
/// How far the inspection of a workspace's activity log has come. Every activity with id up to
/// <see cref="Watermark"/> has been inspected. A pass under way covers (Watermark, PassUpTo] in
/// (community, time, id) order; the Pass* checkpoint is its last message whose findings are committed,
/// so a restarted pass resumes after it.
/// </summary>
public sealed class InspectionProgress
{
    public long WorkspaceId { get; set; }
    public long Watermark { get; set; }

    /// <summary>The rule set (name@version) of the latest pass.</summary>
    public required string RuleSet { get; set; }

    public long? PassUpTo { get; set; }
    public long? PassCommunityId { get; set; }
    public DateTimeOffset? PassOccurredAt { get; set; }
    public long? PassActivityId { get; set; }

    /// <summary>
    /// The memory of rules that span communities (the duplicate rule's recent posts), as of the end of the
    /// last pass (<see cref="CarriedState.Shared"/>); per-community memory is in <see cref="InspectionCarry"/>.
    /// </summary>
    public string? Carry { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
