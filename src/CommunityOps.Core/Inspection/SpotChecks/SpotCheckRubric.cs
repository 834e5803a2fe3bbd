namespace CommunityOps.Inspection.SpotChecks;

/// <summary>
/// A stored rubric: the score a conversation starts from, the mark it must reach, and its items. Stored
/// once per (workspace, name, version) and never changed, so every plan scores against what it was
/// created with.
/// </summary>
public sealed class SpotCheckRubric
{
    public long Id { get; set; }
    public long WorkspaceId { get; set; }
    public required string Name { get; set; }
    public required string Version { get; set; }
    public int BaseScore { get; set; }
    public int PassMark { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>
/// One rubric item: <see cref="Points"/> are added (positive) or taken (negative) when the inspector marks
/// it; marking a <see cref="IsFatal"/> item fails the check whatever the total.
/// </summary>
public sealed class SpotCheckRubricItem
{
    public long Id { get; set; }
    public long RubricId { get; set; }

    /// <summary>The item's id in the rubric file ("greeting", "private-deal").</summary>
    public required string Code { get; set; }

    public required string Title { get; set; }
    public int Points { get; set; }
    public bool IsFatal { get; set; }
    public int Position { get; set; }
}
