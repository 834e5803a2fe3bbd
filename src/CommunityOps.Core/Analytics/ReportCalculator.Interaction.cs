namespace CommunityOps.Analytics;

// Interaction and growth sources over the range.
internal sealed partial class ReportCalculator
{
    private InteractionMetrics Interaction(MetricsSummary summary, int activeMembers, List<ContributorCount> topContributors, DaySums sums)
    {
        var (replies, given, received, mentions, replied, top) = (sums.Replies, sums.ReactionsGiven, sums.ReactionsReceived, sums.Mentions, sums.Replied, sums.Top);
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
            TopMessages = top.ConvertAll(entry =>
            {
                var o = entry.OrdinalPlusOne - 1;
                var msg = messages[o];
                return new TopMessage(msg.Id, members[msg.Author].Id, _s.MemberNames[msg.Author], LocalDays.ToDate(_s.DayOfOrdinal(o)), _s.Replies(o), _s.Reactions(o));
            }),
        };
    }

    private GrowthSources Growth(int joins, DaySums sums)
    {
        var (withInviter, withLink, noRecord) = (sums.WithInviter, sums.WithLink, sums.NoRecord);
        var inviters = new Dictionary<int, int>();
        var links = new int[_s.Links.Count];
        var attributed = _s.AttributedJoins;
        for (var i = FirstAtOrAfter(attributed, _from); i < attributed.Count; i++)
        {
            ref var join = ref attributed[i];
            if (join.Day > _to)
            {
                break;
            }
            if (join.Inviter >= 0)
            {
                inviters[join.Inviter] = inviters.GetValueOrDefault(join.Inviter) + 1;
            }
            if (join.Link >= 0)
            {
                links[join.Link]++;
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
