using System.Text.Json.Serialization;

namespace CommunityOps.Inspection.SpotChecks;

/// <summary>
/// Which operators <see cref="OperatorLinkService.ListAsync"/> lists: <see cref="Query"/> is part of the
/// operator's name or of the community's name (case-insensitive); <see cref="IsLinked"/> null lists both;
/// <see cref="UserId"/> only the identities linked to that account; <see cref="MemberId"/> one identity.
/// </summary>
public sealed record OperatorFilter(string? Query = null, long? CommunityId = null, bool? IsLinked = null, long? UserId = null, long? MemberId = null,
    int Page = 1, int PageSize = 50)
{
    public const int MaxPageSize = 500;
}

/// <summary>
/// The account an operator identity is linked to. <see cref="Role"/> is the account's role in the
/// workspace (null when it no longer has one); <see cref="Identities"/> counts every identity of the
/// workspace linked to the same account (the same person in several groups).
/// </summary>
public sealed record OperatorLinkView(
    [property: JsonPropertyName("member_id")] long MemberId,
    [property: JsonPropertyName("user_id")] long UserId,
    [property: JsonPropertyName("email")] string Email,
    [property: JsonPropertyName("role")] string? Role,
    [property: JsonPropertyName("can_appeal")] bool CanAppeal,
    [property: JsonPropertyName("disabled")] bool IsDisabled,
    [property: JsonPropertyName("identities")] int Identities,
    [property: JsonPropertyName("linked_by")] string LinkedBy,
    [property: JsonPropertyName("linked_at")] DateTimeOffset LinkedAt);

/// <summary>A staff member of one of the workspace's communities (or a member still linked after its import dropped the flag).</summary>
public sealed record OperatorView(
    [property: JsonPropertyName("member_id")] long MemberId,
    [property: JsonPropertyName("display_name")] string DisplayName,
    [property: JsonPropertyName("source_id")] string SourceId,
    [property: JsonPropertyName("is_staff")] bool IsStaff,
    [property: JsonPropertyName("community_id")] long CommunityId,
    [property: JsonPropertyName("community")] string Community,
    [property: JsonPropertyName("platform")] string Platform,
    [property: JsonPropertyName("time_zone")] string TimeZone,
    [property: JsonPropertyName("messages")] long Messages,
    [property: JsonPropertyName("last_activity")] DateTimeOffset? LastActivity,
    [property: JsonPropertyName("link")] OperatorLinkView? Link);

public sealed record OperatorList(
    [property: JsonPropertyName("operators")] IReadOnlyList<OperatorView> Items,
    [property: JsonPropertyName("page")] int Page,
    [property: JsonPropertyName("page_size")] int PageSize,
    [property: JsonPropertyName("total")] long Total);

/// <summary>An account that may be linked to the workspace's operators, with how many identities it already has there.</summary>
public sealed record LinkableAccount(
    [property: JsonPropertyName("user_id")] long UserId,
    [property: JsonPropertyName("email")] string Email,
    [property: JsonPropertyName("role")] string Role,
    [property: JsonPropertyName("identities")] int Identities);

/// <summary>A link made, changed or removed, from the audit log; <see cref="Operator"/> is null when the member is gone.</summary>
public sealed record OperatorLinkChange(
    [property: JsonPropertyName("at")] DateTimeOffset At,
    [property: JsonPropertyName("actor")] string Actor,
    [property: JsonPropertyName("action")] string Action,
    [property: JsonPropertyName("member_id")] long MemberId,
    [property: JsonPropertyName("operator")] string? Operator,
    [property: JsonPropertyName("community")] string? Community,
    [property: JsonPropertyName("from")] string? From,
    [property: JsonPropertyName("to")] string? To);
