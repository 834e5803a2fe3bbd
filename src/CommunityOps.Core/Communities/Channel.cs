namespace CommunityOps.Communities;

/// <summary>An optional sub-space of a community: a Discord or Slack channel, a thread, a forum topic.</summary>
public sealed class Channel
{
    public long Id { get; set; }
    public long CommunityId { get; set; }
    public required string SourceId { get; set; }
    public required string Name { get; set; }
}
