namespace CommunityOps.Inspection;

/// <summary>
/// A chat message as the inspector sees it. Storage maps its activities onto this; the JSONL input of
/// `communityops inspect` reads straight into it (<see cref="InspectionJson.ReadJsonl"/>).
/// <paramref name="Mentions"/> is the number of members mentioned, when the source knows it.
/// </summary>
public sealed record InspectedMessage(
    string MessageId,
    string Community,
    string? Channel,
    string Member,
    bool IsStaff,
    DateTimeOffset Time,
    string Text,
    int Mentions = 0);

/// <summary>A member joining a community: input for join-wave and new-member rules.</summary>
public sealed record InspectedJoin(string Community, string Member, DateTimeOffset Time);
