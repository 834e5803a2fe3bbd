using System.Buffers;

namespace CommunityOps.Analytics;

// Member-level figures: activity in the range, layers at the end of the range, core contributors.
internal sealed partial class ReportCalculator
{
    /// <summary>Messages per member over [from, to]; the number of members with any, and the top of them.</summary>
    private int[] MemberActivity(out int activeMembers, out List<ContributorCount> top)
    {
        var counts = CountMessages(_from, _to, out activeMembers);
        top = TopMembers(counts, _top);
        return counts;
    }

    /// <summary>Messages per member index over [from, to] in a rented array (only the first Members.Count entries are meaningful).</summary>
    private int[] CountMessages(int from, int to, out int distinct)
    {
        var n = _s.Members.Count;
        var counts = Rent(n);
        counts.AsSpan(0, n).Clear();
        distinct = 0;
        var days = _s.MemberDays;
        var first = FirstMemberDayAtOrAfter(from);
        var end = FirstMemberDayAtOrAfter(to + 1);
        if (end - first <= first + (days.Count - end) + n)
        {
            foreach (ref readonly var entry in days.AsSpan(first, end - first))
            {
                ref var count = ref counts[entry.Member];
                distinct += count == 0 ? 1 : 0;
                count += entry.Messages;
            }
            return counts;
        }
        // A range holding most of the log: every member's total minus the few entries outside it.
        var members = _s.Members.AsSpan();
        for (var m = 0; m < n; m++)
        {
            counts[m] = members[m].TotalMessages;
        }
        foreach (ref readonly var entry in days.AsSpan(0, first))
        {
            counts[entry.Member] -= entry.Messages;
        }
        foreach (ref readonly var entry in days.AsSpan(end, days.Count - end))
        {
            counts[entry.Member] -= entry.Messages;
        }
        foreach (var count in counts.AsSpan(0, n))
        {
            distinct += count > 0 ? 1 : 0;
        }
        return counts;
    }

    /// <summary>The members with the most messages, ties by member id.</summary>
    private List<ContributorCount> TopMembers(int[] counts, int n)
    {
        var best = new List<int>(n + 1);
        for (var m = 0; m < _s.Members.Count; m++)
        {
            if (counts[m] == 0 || n == 0 || (best.Count == n && !Before(m, best[^1])))
            {
                continue;
            }
            var at = best.Count;
            while (at > 0 && Before(m, best[at - 1]))
            {
                at--;
            }
            best.Insert(at, m);
            if (best.Count > n)
            {
                best.RemoveAt(n);
            }
        }
        return best.ConvertAll(m => new ContributorCount(_s.Members[m].Id, _s.MemberNames[m], counts[m]));

        bool Before(int a, int b) => counts[a] != counts[b] ? counts[a] > counts[b] : _s.Members[a].Id < _s.Members[b].Id;
    }

    /// <summary>
    /// The fewest members covering the share of the window's messages: counted down a histogram of the
    /// per-member counts (no sort); the first of them are listed, in the order of the top contributors.
    /// </summary>
    private CoreContributors Core(int[] rangeCounts)
    {
        var from = _to - _thresholds.CoreDays + 1;
        var n = _s.Members.Count;
        var counts = from == _from ? rangeCounts : CountMessages(from, _to, out _);
        long total = 0;
        var max = 0;
        var active = 0;
        for (var m = 0; m < n; m++)
        {
            total += counts[m];
            max = Math.Max(max, counts[m]);
            active += counts[m] > 0 ? 1 : 0;
        }
        var histogram = Rent(max + 1);
        histogram.AsSpan(0, max + 1).Clear();
        for (var m = 0; m < n; m++)
        {
            histogram[counts[m]]++;
        }
        long covered = 0;
        var needed = 0;
        for (var c = max; c > 0 && covered * 100 < total * _thresholds.CoreSharePercent; c--)
        {
            for (var k = histogram[c]; k > 0 && covered * 100 < total * _thresholds.CoreSharePercent; k--)
            {
                covered += c;
                needed++;
            }
        }
        Return(histogram);
        if (KeepParts)
        {
            CoreCounts = new int[active];
            for (int m = 0, i = 0; m < n; m++)
            {
                if (counts[m] > 0)
                {
                    CoreCounts[i++] = counts[m];
                }
            }
        }
        var members = TopMembers(counts, Math.Min(needed, _top));
        if (!ReferenceEquals(counts, rangeCounts))
        {
            Return(counts);
        }
        var share = total == 0 ? 0 : Math.Round(covered / (double)total, 4);
        return new CoreContributors(_thresholds.CoreDays, (int)total, needed, share, members);
    }

    /// <summary>Layer counts at the end of <c>to</c>; with a list, also each member of <paramref name="only"/> (or all) with its reason.</summary>
    public LayerCounts Layers(List<LayerMember>? list, MemberLayer? only)
    {
        Span<int> n = stackalloc int[5];
        var members = _s.Members;
        for (var m = 0; m < members.Count; m++)
        {
            ref var slot = ref members[m];
            if (slot.IsStaff || slot.FirstEventDay == CommunityState.NoDay || slot.FirstEventDay > _to)
            {
                continue;
            }
            var (layer, lastMessage, moveDay) = Classify(ref slot);
            n[(int)layer]++;
            if (list is not null && (only is null || only == layer))
            {
                var joined = slot.FirstJoinDay != CommunityState.NoDay && slot.FirstJoinDay <= _to ? LocalDays.ToDate(slot.FirstJoinDay) : (DateOnly?)null;
                list.Add(new LayerMember(slot.Id, _s.MemberNames[m], layer, Reason(layer, lastMessage, moveDay, slot.FirstJoinDay), joined,
                    lastMessage == CommunityState.NoDay ? null : LocalDays.ToDate(lastMessage)));
            }
        }
        return new LayerCounts(n[(int)MemberLayer.New], n[(int)MemberLayer.Active], n[(int)MemberLayer.Casual], n[(int)MemberLayer.Silent], n[(int)MemberLayer.Churned]);
    }

    private (MemberLayer Layer, int LastMessage, int MoveDay) Classify(ref MemberSlot slot)
    {
        // The state at the end of `to` is the member's last move on or before it; every member seen by
        // then has one, because its first event moves it in (or, for a leave, out).
        if (slot.LastMoveDay <= _to && slot.LastMessageDay <= _to)
        {
            // Nothing of this member after `to`: its current state is its state then.
            return (slot.Flags & MemberFlags.In) == 0
                ? (MemberLayer.Churned, slot.LastMessageDay, slot.LastMoveDay)
                : Active(ref slot, slot.LastMessageDay);
        }
        var move = slot.LastMove;
        while (move >= 0 && _s.Moves[move].Day > _to)
        {
            move = _s.Moves[move].Previous;
        }
        var lastMessage = LastMessageDay(slot.LastDayEntry);
        if (move < 0 || _s.Moves[move].Kind == MoveKind.Left)
        {
            return (MemberLayer.Churned, lastMessage, move < 0 ? slot.FirstEventDay : _s.Moves[move].Day);
        }
        return Active(ref slot, lastMessage);
    }

    private (MemberLayer Layer, int LastMessage, int MoveDay) Active(ref MemberSlot slot, int lastMessage)
    {
        if (slot.FirstJoinDay > _to - _thresholds.NewDays)
        {
            return (MemberLayer.New, lastMessage, slot.FirstJoinDay);
        }
        if (lastMessage != CommunityState.NoDay && lastMessage > _to - _thresholds.ActiveDays)
        {
            return (MemberLayer.Active, lastMessage, 0);
        }
        if (lastMessage != CommunityState.NoDay && lastMessage > _to - _thresholds.CasualDays)
        {
            return (MemberLayer.Casual, lastMessage, 0);
        }
        return (MemberLayer.Silent, lastMessage, 0);
    }

    private int LastMessageDay(int entry)
    {
        while (entry >= 0 && _s.DayOf(_s.MemberDays[entry]) > _to)
        {
            entry = _s.MemberDays[entry].Previous;
        }
        return entry >= 0 ? _s.DayOf(_s.MemberDays[entry]) : CommunityState.NoDay;
    }

    private int FirstMemberDayAtOrAfter(int day)
    {
        var days = _s.MemberDays;
        int lo = 0, hi = days.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (_s.DayOf(days[mid]) < day)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }
        return lo;
    }

    private string Reason(MemberLayer layer, int lastMessage, int moveDay, int firstJoin) => layer switch
    {
        MemberLayer.Churned => $"left on {LocalDays.Format(moveDay)}",
        MemberLayer.New => $"joined on {LocalDays.Format(firstJoin)}",
        MemberLayer.Active => $"last message on {LocalDays.Format(lastMessage)}",
        MemberLayer.Casual => $"last message on {LocalDays.Format(lastMessage)}, none in the last {_thresholds.ActiveDays} days",
        _ when lastMessage != CommunityState.NoDay => $"no message since {LocalDays.Format(lastMessage)}",
        _ => $"no message since joining on {LocalDays.Format(firstJoin)}",
    };

    internal static int[] Rent(int n) => ArrayPool<int>.Shared.Rent(Math.Max(n, 1));

    internal static void Return(int[] array) => ArrayPool<int>.Shared.Return(array);
}
