using CommunityOps.Messages;

namespace CommunityOps.Analytics;

// The fold: one pass over events in time order that keeps every rollup current. It never looks back
// at earlier events, which is what makes appending new events incremental.
internal sealed partial class CommunityState
{
    private const long AnswerWindowMs = ZoneClock.DayMs;

    private int _lastFoldDay = NoDay;
    private int _lastMessageDay = NoDay;

    // Messages of the current fold that were replied to or reacted to before their own turn (times out
    // of order in the export): their day is known only when they are folded.
    private int _nextOrdinal;
    private HashSet<int>? _early;

    /// <summary>
    /// Folds events that are sorted by (time, rank, source id) and all sort after <see cref="LastKey"/>.
    /// Message events take the next message ordinals in order, so targets may point at any of them.
    /// </summary>
    public void Fold(ReadOnlySpan<FoldEvent> events)
    {
        _nextOrdinal = Messages.Count;
        foreach (ref readonly var e in events)
        {
            if (e.Kind == ActivityKind.Message)
            {
                Messages.Add(new MessageSlot(e.Id, e.Member, 0, 0));
            }
        }
        var cursor = new ZoneCursor(Clock);
        foreach (ref readonly var e in events)
        {
            var local = cursor.Local(e.Ms);
            // Local dates never run backwards in the fold; only a zone that turns its clocks back across
            // midnight could make them, and then the repeated hour keeps the later date.
            var day = Math.Max(LocalDays.DayOf(local), _lastFoldDay);
            _lastFoldDay = day;
            EnsureDays(day);
            FirstDay = FirstDay == NoDay ? day : Math.Min(FirstDay, day);
            LastDay = Math.Max(LastDay, day);
            EventCount++;

            ref var member = ref Members[e.Member];
            var isStaff = member.IsStaff;
            if ((member.Flags & MemberFlags.Seen) == 0)
            {
                member.Flags |= MemberFlags.Seen;
                member.FirstEventDay = day;
                if (e.Kind == ActivityKind.Leave && !isStaff)
                {
                    member.Flags |= MemberFlags.In | MemberFlags.LeaveFirst;
                    InitialIn++;
                }
            }
            if (!isStaff)
            {
                Membership(ref member, in e, day);
            }
            switch (e.Kind)
            {
                case ActivityKind.Message:
                    Message(ref member, in e, day, LocalDays.HourOf(local), _nextOrdinal++);
                    break;
                case ActivityKind.Reaction:
                    Reaction(in e, day, isStaff);
                    break;
                default:
                    break;
            }
        }
    }

    private void Membership(ref MemberSlot member, in FoldEvent e, int day)
    {
        var isIn = (member.Flags & MemberFlags.In) != 0;
        if (e.Kind == ActivityKind.Leave)
        {
            if (isIn)
            {
                member.Flags &= ~MemberFlags.In;
                Day(day).Left++;
                member.LastMove = Moves.Add(new Move(day, e.Member, member.LastMove, MoveKind.Left));
                member.LastMoveDay = day;
            }
            return;
        }
        if (isIn)
        {
            return;
        }
        member.Flags |= MemberFlags.In;
        Day(day).Joined++;
        if (member.FirstJoinDay == NoDay)
        {
            member.FirstJoinDay = day;
            Week(LocalDays.WeekOf(day))[0]++;
            Month(LocalDays.MonthOf(day))[0]++;
        }
        member.LastMove = Moves.Add(new Move(day, e.Member, member.LastMove, e.Kind == ActivityKind.Join ? MoveKind.Joined : MoveKind.JoinedImplicitly));
        member.LastMoveDay = day;
        ref var row = ref Day(day);
        var attributed = e.Kind == ActivityKind.Join && (e.Related >= 0 || e.Link >= 0);
        if (!attributed)
        {
            row.NoRecord++;
            return;
        }
        row.WithInviter += e.Related >= 0 ? 1 : 0;
        row.WithLink += e.Link >= 0 ? 1 : 0;
        AttributedJoins.Add(new AttributedJoin(day, e.Related, e.Link));
    }

    private void Message(ref MemberSlot member, in FoldEvent e, int day, int hour, int ordinal)
    {
        if (day != _lastMessageDay)
        {
            // Days since the previous message day (and this one) start at this ordinal.
            for (var d = _lastMessageDay == NoDay ? day : _lastMessageDay + 1; d <= day; d++)
            {
                Day(d).FirstOrdinal = ordinal;
            }
            _lastMessageDay = day;
        }
        ref var row = ref Day(day);
        if (member.IsStaff)
        {
            row.StaffMessages++;
        }
        else
        {
            row.Messages++;
            ref var cell = ref row.Hours[hour];
            if (cell == ushort.MaxValue)
            {
                HourOverflow[((day - BaseDay) * 24) + hour] = HourOverflow.GetValueOrDefault(((day - BaseDay) * 24) + hour) + 1;
            }
            else
            {
                cell++;
            }
            row.Mentions += e.Mentions;
            if (e.IsReply)
            {
                row.Replies++;
            }
            ActiveDay(ref member, e.Member, day);
        }
        if (e.Target >= 0 && Messages[e.Target].Author != e.Member)
        {
            ref var target = ref Messages[e.Target];
            if (target.Replies == ushort.MaxValue)
            {
                var (replies, reactions) = EngagementOverflow.GetValueOrDefault(e.Target);
                EngagementOverflow[e.Target] = (replies + 1, reactions);
            }
            else
            {
                target.Replies++;
            }
            Engaged(e.Target, firstReply: target.Replies == 1);
        }
        if (_early is not null && _early.Remove(ordinal))
        {
            Engaged(ordinal, firstReply: Messages[ordinal].Replies > 0);
        }
        WaitingPeriod(in e, day, member.IsStaff);
    }

    private void ActiveDay(ref MemberSlot member, int index, int day)
    {
        member.TotalMessages++;
        var last = member.LastDayEntry;
        var offset = (ushort)(day - BaseDay);
        if (last >= 0 && MemberDays[last].Offset == offset)
        {
            if (MemberDays[last].Messages < ushort.MaxValue)
            {
                MemberDays[last].Messages++;
            }
            else
            {
                member.LastDayEntry = MemberDays.Add(new MemberDay(index, last, offset, 1));
            }
            return;
        }
        Day(day).Dau++;
        // The member counts in wau on [day, day + 6] and in mau on [day, day + 29]; the part already
        // covered by its previous active day is not added twice.
        var previous = last >= 0 ? DayOf(MemberDays[last]) : NoDay;
        var wauFrom = previous == NoDay ? day : Math.Max(day, previous + 7);
        var mauFrom = previous == NoDay ? day : Math.Max(day, previous + 30);
        Day(wauFrom).WauDelta++;
        Day(day + 7).WauDelta--;
        Day(mauFrom).MauDelta++;
        Day(day + 30).MauDelta--;
        if (member.FirstJoinDay != NoDay)
        {
            var week = LocalDays.WeekOf(day);
            var cohortWeek = LocalDays.WeekOf(member.FirstJoinDay);
            if (week - cohortWeek <= CohortRow.MaxOffset && (previous == NoDay || LocalDays.WeekOf(previous) != week))
            {
                Week(cohortWeek)[1 + week - cohortWeek]++;
            }
            var month = LocalDays.MonthOf(day);
            var cohortMonth = LocalDays.MonthOf(member.FirstJoinDay);
            if (month - cohortMonth <= CohortRow.MaxOffset && (previous == NoDay || LocalDays.MonthOf(previous) != month))
            {
                Month(cohortMonth)[1 + month - cohortMonth]++;
            }
        }
        member.LastDayEntry = MemberDays.Add(new MemberDay(index, last, offset, 1));
        member.LastMessageDay = day;
    }

    /// <summary>Counts a member message as replied (on its first reply) and ranks it among its day's top ten.</summary>
    private void Engaged(int ordinal, bool firstReply)
    {
        if (Members[Messages[ordinal].Author].IsStaff)
        {
            return;
        }
        if (ordinal >= _nextOrdinal)
        {
            (_early ??= []).Add(ordinal);
            return;
        }
        if (firstReply)
        {
            Day(DayOfOrdinal(ordinal)).Replied++;
        }
        RankTop(ordinal);
    }

    /// <summary>The local day of a message ordinal: the last day whose first ordinal is at or before it.</summary>
    public int DayOfOrdinal(int ordinal)
    {
        int lo = 0, hi = _lastMessageDay - BaseDay;
        while (lo < hi)
        {
            var mid = (lo + hi + 1) >>> 1;
            if (Days[mid].FirstOrdinal <= ordinal)
            {
                lo = mid;
            }
            else
            {
                hi = mid - 1;
            }
        }
        return BaseDay + lo;
    }

    /// <summary>
    /// Keeps each day's ten member messages with the most replies and reactions (ties: earlier first).
    /// Scores only grow, so a message outside the ten can only enter by passing the tenth.
    /// </summary>
    private void RankTop(int ordinal)
    {
        ref var top = ref Day(DayOfOrdinal(ordinal)).Top;
        var entry = new TopEntry(ordinal + 1, Replies(ordinal) + Reactions(ordinal));
        var at = -1;
        for (var i = 0; i < TopEntries.Length; i++)
        {
            if (top[i].OrdinalPlusOne == entry.OrdinalPlusOne || top[i].OrdinalPlusOne == 0)
            {
                at = i;
                break;
            }
        }
        if (at < 0)
        {
            at = TopEntries.Length - 1;
            if (!entry.Beats(top[at]))
            {
                return;
            }
        }
        top[at] = entry;
        while (at > 0 && entry.Beats(top[at - 1]))
        {
            (top[at], top[at - 1]) = (top[at - 1], top[at]);
            at--;
        }
    }

    private void Reaction(in FoldEvent e, int day, bool isStaff)
    {
        ref var row = ref Day(day);
        if (!isStaff)
        {
            row.ReactionsGiven++;
        }
        if (e.Target < 0)
        {
            return;
        }
        ref var target = ref Messages[e.Target];
        if (target.Author == e.Member)
        {
            return;
        }
        if (target.Reactions == ushort.MaxValue)
        {
            var (replies, reactions) = EngagementOverflow.GetValueOrDefault(e.Target);
            EngagementOverflow[e.Target] = (replies, reactions + 1);
        }
        else
        {
            target.Reactions++;
        }
        Engaged(e.Target, firstReply: false);
        if (!Members[target.Author].IsStaff)
        {
            row.ReactionsReceived++;
        }
    }

    private void WaitingPeriod(in FoldEvent e, int day, bool isStaff)
    {
        ref var channel = ref Channels[e.Channel];
        if (channel.OpenPeriod >= 0 && e.Ms - channel.OpenSinceMs > AnswerWindowMs)
        {
            Periods[channel.OpenPeriod].WaitSeconds = Period.Unanswered;
            channel.OpenPeriod = -1;
        }
        if (isStaff)
        {
            if (channel.OpenPeriod >= 0)
            {
                ref var period = ref Periods[channel.OpenPeriod];
                period.WaitSeconds = (int)((e.Ms - channel.OpenSinceMs) / 1000);
                period.Operator = e.Member;
                channel.OpenPeriod = -1;
            }
        }
        else if (channel.OpenPeriod < 0)
        {
            channel.OpenPeriod = Periods.Add(new Period(day, Period.Pending, -1));
            channel.OpenSinceMs = e.Ms;
        }
    }
}
