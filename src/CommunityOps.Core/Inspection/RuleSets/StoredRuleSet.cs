namespace CommunityOps.Inspection.RuleSets;

/// <summary>One saved version of a workspace's rule set (the JSON as the editor saved it); rows are never changed.</summary>
public sealed class StoredRuleSet
{
    public long Id { get; set; }
    public long WorkspaceId { get; set; }
    public int Version { get; set; }
    public required string Json { get; set; }
    public required string CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string? Comment { get; set; }
}
