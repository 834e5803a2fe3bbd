namespace CommunityOps.Communities;

/// <summary>One group, server, channel or workspace on one platform.</summary>
public sealed class Community
{
    public long Id { get; set; }
    public long WorkspaceId { get; set; }
    public required string Platform { get; set; }

    /// <summary>The platform's own id; with <see cref="Platform"/> it makes re-imports land on the same row.</summary>
    public required string SourceId { get; set; }

    public required string Name { get; set; }

    /// <summary>IANA zone used for day-based metrics (days, weeks, hours).</summary>
    public string TimeZone { get; set; } = "UTC";

    public DateTimeOffset CreatedAt { get; set; }
}
