namespace CommunityOps.Inspection.Runs;

/// <summary>
/// What the rules of a pending pass remembered about one community when the pass last committed (members
/// waiting for a staff reply, flood and join-wave windows, new members yet to post), as
/// <see cref="InspectionSession.SaveCarried"/> wrote it. The next pass starts the community's session from
/// it, so a question at the end of one import that is answered (or not) in the next, or a flood split
/// between two imports, is judged as if both had been one import.
/// </summary>
public sealed class InspectionCarry
{
    public long CommunityId { get; set; }
    public long WorkspaceId { get; set; }
    public required string State { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
