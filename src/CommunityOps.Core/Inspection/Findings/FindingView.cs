using System.Text.Json.Serialization;

namespace CommunityOps.Inspection.Findings;

/// <summary>
/// A stored finding with what a reviewer needs to judge it: the community, the member, the message
/// text and where the rule matched. Enums are the lower-case names the CLI and API print.
/// </summary>
public sealed record FindingView(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("community_id")] long CommunityId,
    [property: JsonPropertyName("community")] string Community,
    [property: JsonPropertyName("activity_id")] long ActivityId,
    [property: JsonPropertyName("message")] string MessageId,
    [property: JsonPropertyName("member_id")] long MemberId,
    [property: JsonPropertyName("member")] string Member,
    [property: JsonPropertyName("member_name")] string MemberName,
    [property: JsonPropertyName("time")] DateTimeOffset Time,
    [property: JsonPropertyName("text")] string? Text,
    [property: JsonPropertyName("rule")] string Rule,
    [property: JsonPropertyName("rule_version")] string RuleVersion,
    [property: JsonPropertyName("rule_set")] string RuleSet,
    [property: JsonPropertyName("category")] string Category,
    [property: JsonPropertyName("severity")] string Severity,
    [property: JsonPropertyName("score")] double Score,
    [property: JsonPropertyName("matches")] IReadOnlyList<FindingMatch> Matches,
    [property: JsonPropertyName("detail")] string? Detail,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("reviewer")] string? Reviewer,
    [property: JsonPropertyName("reviewed_at")] DateTimeOffset? ReviewedAt,
    [property: JsonPropertyName("comment")] string? Comment);

/// <summary>
/// Which findings to list. Null means any; <see cref="MinSeverity"/> includes everything at or above it;
/// <see cref="Member"/> matches a member's platform id or display name. Newest first, paged.
/// </summary>
public sealed record FindingFilter
{
    public string? Workspace { get; init; }
    public FindingStatus? Status { get; init; }
    public string? Category { get; init; }
    public long? CommunityId { get; init; }
    public string? Member { get; init; }
    public Severity? MinSeverity { get; init; }
    public string? Rule { get; init; }
    public int Offset { get; init; }
    public int Limit { get; init; } = 100;
}
