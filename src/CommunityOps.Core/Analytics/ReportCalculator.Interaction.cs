namespace CommunityOps.Analytics;

// Interaction and growth sources over the range.
internal sealed partial class ReportCalculator
{
    private InteractionMetrics Interaction(MetricsSummary summary, int activeMembers, List<ContributorCount> topContributors)
    {
        int replies = 0, given = 0, received = 0, mentions = 0, replied = 0;
        var top = new List<int>(_top + 1);
        for (var d = Math.Max(_from, _s.BaseDay); d <= _to && _s.HasDay(d); d++)
        {
            ref var row = ref _s.Day(d);
            replies += row.Replies;
            given += row.ReactionsGiven;
            received += row.ReactionsReceived;
            mentions += row.Mentions;
            replied += row.Replied;
            // The range's top messages are among its days' own top ten.
            for (var i = 0; i < TopOrdinals.Length && row.Top[i] != 0; i++)
            {
                var o = row.Top[i] - 1;
                if (top.Count == _top && !_s.Ranks(o, top[^1]))
                {
                    break;
                }
                var at = top.Count;
                while (at > 0 && _s.Ranks(o, top[at - 1]))
                {
                    at--;
                }
                top.Insert(at, o);
                if (top.Count > _top)
                {
                    top.RemoveAt(_top);
                }
            }
        }
        var messages = _s.Messages;
        var members = _s.Members;
        return new InteractionMetrics
        {
            Messages = summary.Messages,
            ActiveMembers = activeMembers,
            Replies = replies,
            ReactionsGiven = given,
            ReactionsReceived = received,
            Mentions = mentions,
            MessagesPerActiveMember = activeMembers == 0 ? 0 : Math.Round(summary.Messages / (double)activeMembers, 2),
            RepliedMessages = replied,
            RepliedShare = summary.Messages == 0 ? 0 : Math.Round(replied / (double)summary.Messages, 4),
            TopContributors = topContributors,
            TopMessages = top.ConvertAll(o =>
            {
                var msg = messages[o];
                return new TopMessage(msg.Id, members[msg.Author].Id, _s.MemberNames[msg.Author], LocalDays.ToDate(_s.DayOfOrdinal(o)), _s.Replies(o), _s.Reactions(o));
            }),
        };
    }

    private GrowthSources Growth()
    {
        int joins = 0, withInviter = 0, withLink = 0, noRecord = 0;
        var inviters = new Dictionary<int, int>();
        var links = new int[_s.Links.Count];
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
                links[move.Link]++;
            }
            if (move.Inviter < 0 && move.Link < 0)
            {
                noRecord++;
            }
        }
        var byInviter = inviters
            .Select(p => new InviterJoins(_s.Members[p.Key].Id, _s.MemberNames[p.Key], p.Value))
            .OrderByDescending(x => x.Joins).ThenBy(x => x.MemberId).Take(_top).ToList();
        var byLink = links.Select((n, i) => new LinkJoins(_s.Links[i], n)).Where(x => x.Joins > 0)
            .OrderByDescending(x => x.Joins).ThenBy(x => x.Link, StringComparer.Ordinal).Take(_top).ToList();
        return new GrowthSources(joins, byInviter, byLink, withInviter, withLink, noRecord);
    }
}
