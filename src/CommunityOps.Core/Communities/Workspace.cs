namespace CommunityOps.Communities;

/// <summary>The isolation boundary: every community, user and key belongs to exactly one workspace.</summary>
public sealed class Workspace
{
    public long Id { get; set; }
    public required string Name { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
