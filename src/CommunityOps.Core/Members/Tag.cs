namespace CommunityOps.Members;

/// <summary>
/// A label operators put on members ("VIP", "设计师"), defined once per workspace and usable on the
/// members of all its communities (a person is one member per community, so the same tag spans them).
/// </summary>
public sealed class Tag
{
    public long Id { get; set; }
    public long WorkspaceId { get; set; }

    /// <summary>As first typed; shown everywhere.</summary>
    public required string Name { get; set; }

    /// <summary>The name folded by <see cref="MemberTags.KeyOf"/>: unique per workspace, so "VIP" and "vip" are one tag.</summary>
    public required string NameKey { get; set; }

    /// <summary>The e-mail of the user, or "key:&lt;prefix&gt;" of the API key, that created it.</summary>
    public required string CreatedBy { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>One tag on one member, with who put it there and when.</summary>
public sealed class MemberTag
{
    public long MemberId { get; set; }
    public long TagId { get; set; }
    public required string AssignedBy { get; set; }
    public DateTimeOffset AssignedAt { get; set; }
}

/// <summary>A tag as lists and profiles show it.</summary>
public sealed record TagRef(long Id, string Name);
