using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace CommunityOps.Analytics;

// The rows of the analytical state. Sizes matter (the state must stay under 40 bytes per event), so
// the structs are packed to 4 bytes and hold day numbers and indexes, never references.

[Flags]
internal enum MemberFlags : byte
{
    None = 0,
    Staff = 1,
    Seen = 2,
    In = 4,
    LeaveFirst = 8,
}

[StructLayout(LayoutKind.Sequential, Pack = 4)]
internal struct MemberSlot
{
    public long Id;
    public int FirstEventDay;
    public int FirstJoinDay;
    public int LastMove;
    public int LastDayEntry;
    public int LastMessageDay;
    public int LastMoveDay;
    public int TotalMessages;
    public MemberFlags Flags;

    public readonly bool IsStaff => (Flags & MemberFlags.Staff) != 0;
}

/// <summary>One local day of one community; hours are member messages by local hour.</summary>
internal struct DayRow
{
    public int Joined;
    public int Left;
    public int Messages;
    public int StaffMessages;
    public int Dau;
    public int WauDelta;
    public int MauDelta;
    public int Replies;
    public int ReactionsGiven;
    public int ReactionsReceived;
    public int Mentions;

    /// <summary>Moves in by a join event with an inviter, with an invite link, and by neither (implicit joins included).</summary>
    public int WithInviter;
    public int WithLink;
    public int NoRecord;

    /// <summary>Member messages of this day that got a reply from someone else (at any time).</summary>
    public int Replied;

    /// <summary>The ordinal of this day's first message, or of the next message for a day without any.</summary>
    public int FirstOrdinal;

    public HourCounts Hours;

    /// <summary>This day's ten member messages with the most replies and reactions, best first.</summary>
    public TopEntries Top;
}

/// <summary>A ranked message: its ordinal + 1 (0 = empty) and its replies plus reactions, kept current by the fold.</summary>
internal record struct TopEntry(int OrdinalPlusOne, int Score)
{
    /// <summary>More replies and reactions first, then the earlier message.</summary>
    public readonly bool Beats(TopEntry other) => Score != other.Score ? Score > other.Score : OrdinalPlusOne < other.OrdinalPlusOne;
}

[InlineArray(Length)]
internal struct TopEntries
{
    public const int Length = 10;
    private TopEntry _entry;
}

/// <summary>Member messages by local hour; a count past 65,535 continues in <see cref="CommunityState.HourOverflow"/>.</summary>
[InlineArray(24)]
internal struct HourCounts
{
    private ushort _hour;
}

/// <summary>Index 0 is the cohort size, 1 + k the members active in week (or month) k.</summary>
[InlineArray(CohortRow.Length)]
internal struct CohortRow
{
    public const int Length = 14;
    public const int MaxOffset = 12;
    private int _value;
}

/// <summary>
/// A member's messages on one day (<see cref="Offset"/> days after the state's BaseDay); <see cref="Previous"/>
/// links to its previous entry. Past 65,535 messages a day continues in a second entry for the same day.
/// </summary>
[StructLayout(LayoutKind.Sequential, Pack = 4)]
internal record struct MemberDay(int Member, int Previous, ushort Offset, ushort Messages);

internal enum MoveKind : byte
{
    Joined = 0,
    JoinedImplicitly = 1,
    Left = 2,
}

/// <summary>An out-to-in or in-to-out move; <see cref="Previous"/> links to the member's previous move.</summary>
[StructLayout(LayoutKind.Sequential, Pack = 4)]
internal record struct Move(int Day, int Member, int Previous, MoveKind Kind) : IDayRow;

/// <summary>A join event that moved a member in and names its inviter or invite link (-1 when not).</summary>
internal record struct AttributedJoin(int Day, int Inviter, int Link) : IDayRow;

/// <summary>A waiting period: <see cref="WaitSeconds"/> is the answer delay, or <see cref="Unanswered"/> / <see cref="Pending"/>.</summary>
internal record struct Period(int Day, int WaitSeconds, int Operator) : IDayRow
{
    public const int Unanswered = -1;
    public const int Pending = -2;
}

/// <summary>
/// A message (member or staff) by ordinal in time order, with the replies and reactions it received from
/// others; counts past 65,535 continue in <see cref="CommunityState.EngagementOverflow"/>.
/// </summary>
[StructLayout(LayoutKind.Sequential, Pack = 4)]
internal record struct MessageSlot(long Id, int Author, ushort Replies, ushort Reactions);

[StructLayout(LayoutKind.Sequential, Pack = 4)]
internal record struct ChannelSlot(long Id, long OpenSinceMs, int OpenPeriod);
