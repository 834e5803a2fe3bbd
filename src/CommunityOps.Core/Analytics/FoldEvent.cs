using CommunityOps.Messages;

namespace CommunityOps.Analytics;

/// <summary>
/// One activity as the fold consumes it: resolved to community-local indexes (member, channel, link)
/// and, for replies and reactions, to the ordinal of the target message (-1 when it is not in the history).
/// </summary>
internal struct FoldEvent
{
    public long Ms;
    public long Id;
    public int Member;
    public int Channel;
    public int Target;
    public int Related;
    public int Link;
    public int Mentions;
    public ActivityKind Kind;
    public bool IsReply;

    /// <summary>At equal times joins come first, then messages, reactions and leaves.</summary>
    public static byte Rank(ActivityKind kind) => kind switch
    {
        ActivityKind.Join => 0,
        ActivityKind.Message => 1,
        ActivityKind.Reaction => 2,
        _ => 3,
    };
}
