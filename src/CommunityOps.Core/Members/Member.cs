namespace CommunityOps.Members;

/// <summary>A platform identity inside one community. The same person in two groups is two members.</summary>
public sealed class Member
{
    public long Id { get; set; }
    public long CommunityId { get; set; }
    public required string SourceId { get; set; }
    public required string DisplayName { get; set; }

    /// <summary>Operators of the community; excluded from member counts and measured separately.</summary>
    public bool IsStaff { get; set; }

    public bool IsBot { get; set; }
}
