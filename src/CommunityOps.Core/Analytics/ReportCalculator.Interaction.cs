namespace CommunityOps.Analytics;

// Interaction and growth sources over the range.
internal sealed partial class ReportCalculator
{
    private InteractionMetrics Interaction(MetricsSummary summary, int activeMembers, List<ContributorCount> topContributors)
    {
        int replies = 0, given = 0, received = 0, mentions = 0;
        var firstOrdinal = 0;
        var ordinals = 0;
        if (!_s.IsEmpty)
        {
            for (var d = _s.BaseDay; d < _from && d < _s.BaseDay + _s.Days.Count; d++)
            {
                ref var row = ref _s.Day(d);
                firstOrdinal += row.Messages + row.StaffMessages;
            }
        }
        for (var d = _from; d <= _to; d++)
        {
            var row = Row(d);
            replies += row.Replies;
            given += row.ReactionsGiven;
            received += row.ReactionsReceived;
            mentions += row.Mentions;
            ordinals += row.Messages + row.StaffMessages;
        }
        var repliedMessages = 0;
        var top = new List<int>(_top + 1);
        var messages = _s.Messages;
        var members = _s.Members;
        for (var o = firstOrdinal; o < firstOrdinal + ordinals; o++)
        {
            ref var msg = ref messages[o];
            if (members[msg.Author].IsStaff)
            {
                continue;
            }
            if (msg.Replies > 0)
            {
                repliedMessages++;
            }
            var score = msg.Replies + msg.Reactions == 0 ? 0 : _s.Replies(o) + _s.Reactions(o);
            if (score == 0 || (top.Count == _top && Score(top[^1]) >= score))
            {
                continue;
            }
            // Ordinals arrive in time order, so a new entry goes after every entry with an equal score.
            var at = top.Count;
            while (at > 0 && Score(top[at - 1]) < score)
            {
                at--;
            }
            top.Insert(at, o);
            if (top.Count > _top)
            {
                top.RemoveAt(_top);
            }
        }
        var starts = top.Count > 0 ? _s.MessageStarts() : [];
        return new InteractionMetrics
        {
            Messages = summary.Messages,
            ActiveMembers = activeMembers,
            Replies = replies,
            ReactionsGiven = given,
            ReactionsReceived = received,
            Mentions = mentions,
            MessagesPerActiveMember = activeMembers == 0 ? 0 : Math.Round(summary.Messages / (double)activeMembers, 2),
            RepliedMessages = repliedMessages,
            RepliedShare = summary.Messages == 0 ? 0 : Math.Round(repliedMessages / (double)summary.Messages, 4),
            TopContributors = topContributors,
            TopMessages = top.ConvertAll(o =>
            {
                var msg = messages[o];
                return new TopMessage(msg.Id, members[msg.Author].Id, _s.MemberNames[msg.Author], LocalDays.ToDate(DayOfOrdinal(starts, o)), _s.Replies(o), _s.Reactions(o));
            }),
        };

        int Score(int ordinal) => _s.Replies(ordinal) + _s.Reactions(ordinal);
    }

    private int DayOfOrdinal(int[] starts, int ordinal)
    {
        // starts[i] is the first ordinal of day BaseDay + i: the day is the last start at or before the ordinal
        // among days that have messages.
        int lo = 0, hi = starts.Length - 1;
        while (lo < hi)
        {
            var mid = (lo + hi + 1) >>> 1;
            if (starts[mid] <= ordinal)
            {
                lo = mid;
            }
            else
            {
                hi = mid - 1;
            }
        }
        return _s.BaseDay + lo;
    }

    private GrowthSources Growth()
    {
        int joins = 0, withInviter = 0, withLink = 0, noRecord = 0;
        var inviters = new Dictionary<int, int>();
        var links = new Dictionary<int, int>();
        var moves = _s.Moves;
        for (var i = FirstAtOrAfter(moves, _from); i < moves.Count; i++)
        {
            ref var move = ref moves[i];
            if (move.Day > _to)
            {
                break;
            }
            if (move.Kind == MoveKind.Left)
            {
                continue;
            }
            joins++;
            if (move.Inviter >= 0)
            {
                withInviter++;
                inviters[move.Inviter] = inviters.GetValueOrDefault(move.Inviter) + 1;
            }
            if (move.Link >= 0)
            {
                withLink++;
                links[move.Link] = links.GetValueOrDefault(move.Link) + 1;
            }
            if (move.Inviter < 0 && move.Link < 0)
            {
                noRecord++;
            }
        }
        var byInviter = inviters
            .Select(p => new InviterJoins(_s.Members[p.Key].Id, _s.MemberNames[p.Key], p.Value))
            .OrderByDescending(x => x.Joins).ThenBy(x => x.MemberId).Take(_top).ToList();
        var byLink = links
            .Select(p => new LinkJoins(_s.Links[p.Key], p.Value))
            .OrderByDescending(x => x.Joins).ThenBy(x => x.Link, StringComparer.Ordinal).Take(_top).ToList();
        return new GrowthSources(joins, byInviter, byLink, withInviter, withLink, noRecord);
    }
}
