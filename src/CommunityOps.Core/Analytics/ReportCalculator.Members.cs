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

    private int[] CountMessages(int from, int to, out int distinct)
    {
        var counts = new int[_s.Members.Count];
        distinct = 0;
        var days = _s.MemberDays;
        var first = FirstMemberDayAtOrAfter(from);
        var end = FirstMemberDayAtOrAfter(to + 1);
        if (end - first <= first + (days.Count - end) + counts.Length)
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
        for (var m = 0; m < counts.Length; m++)
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
        foreach (var count in counts)
        {
            distinct += count > 0 ? 1 : 0;
        }
        return counts;
    }

    /// <summary>The members with the most messages, ties by member id.</summary>
    private List<ContributorCount> TopMembers(int[] counts, int n)
    {
        var best = new List<int>(n + 1);
        for (var m = 0; m < counts.Length; m++)
        {
            if (counts[m] == 0 || (best.Count == n && !Before(m, best[^1])))
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
    /// Members with messages, most first and ties by member id: a primitive sort of packed (count, index)
    /// keys, then equal counts reordered by id only where indexes do not already follow ids.
    /// </summary>
    private List<int> Ranked(int[] counts, out long total)
    {
        total = 0;
        var keys = new List<long>();
        for (var m = 0; m < counts.Length; m++)
        {
            if (counts[m] > 0)
            {
                keys.Add(((long)(int.MaxValue - counts[m]) << 32) | (uint)m);
                total += counts[m];
            }
        }
        var span = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(keys);
        span.Sort();
        var ranked = new List<int>(keys.Count);
        foreach (var key in span)
        {
            ranked.Add((int)(uint)key);
        }
        if (!IdsFollowIndexes())
        {
            for (int start = 0, end; start < ranked.Count; start = end)
            {
                end = start + 1;
                while (end < ranked.Count && counts[ranked[end]] == counts[ranked[start]])
                {
                    end++;
                }
                ranked.Sort(start, end - start, Comparer<int>.Create((a, b) => _s.Members[a].Id.CompareTo(_s.Members[b].Id)));
            }
        }
        return ranked;
    }

    private bool IdsFollowIndexes()
    {
        var members = _s.Members.AsSpan();
        for (var i = 1; i < members.Length; i++)
        {
            if (members[i].Id < members[i - 1].Id)
            {
                return false;
            }
        }
        return true;
    }

    private CoreContributors Core(int[] rangeCounts)
    {
        var from = _to - _thresholds.CoreDays + 1;
        var counts = from == _from ? rangeCounts : CountMessages(from, _to, out _);
        var ranked = Ranked(counts, out var total);
        var members = new List<ContributorCount>();
        long covered = 0;
        foreach (var m in ranked)
        {
            if (covered * 100 >= total * _thresholds.CoreSharePercent)
            {
                break;
            }
            covered += counts[m];
            members.Add(new ContributorCount(_s.Members[m].Id, _s.MemberNames[m], counts[m]));
        }
        if (KeepParts)
        {
            CoreCounts = new int[ranked.Count];
            for (var i = 0; i < ranked.Count; i++)
            {
                CoreCounts[i] = counts[ranked[i]];
            }
        }
        var share = total == 0 ? 0 : Math.Round(covered / (double)total, 4);
        return new CoreContributors(_thresholds.CoreDays, (int)total, members.Count, share, members);
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
