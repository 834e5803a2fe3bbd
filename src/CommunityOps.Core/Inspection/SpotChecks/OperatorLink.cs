namespace CommunityOps.Inspection.SpotChecks;

/// <summary>A dashboard account that is an operator (a staff member of one community): it may appeal that operator's spot checks.</summary>
public sealed class OperatorLink
{
    public long MemberId { get; set; }
    public long WorkspaceId { get; set; }
    public long UserId { get; set; }
    public required string CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
