namespace CommunityOps.Messages;

/// <summary>Stored as a small integer; the numbers are part of the schema and never change.</summary>
public enum ActivityKind : short
{
    Message = 1,
    Join = 2,
    Leave = 3,
    Reaction = 4,
}
