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
        var n = _s.Members.Count;
        var inviters = Rent(n);
        inviters.AsSpan(0, n).Clear();
        var links = new int[_s.Links.Count];
        var attributed = _s.AttributedJoins;
        var first = FirstAtOrAfter(attributed, _from);
        foreach (ref readonly var join in attributed.AsSpan(first, FirstAtOrAfter(attributed, _to + 1) - first))
        {
            if (join.Inviter >= 0)
            {
                inviters[join.Inviter]++;
            }
            if (join.Link >= 0)
            {
                links[join.Link]++;
            }
        }
        var byInviter = TopMembers(inviters, _top).ConvertAll(c => new InviterJoins(c.MemberId, c.Name, c.Messages));
        Return(inviters);
        var byLink = new List<LinkJoins>();
        for (var i = 0; i < links.Length; i++)
        {
            if (links[i] > 0)
            {
                byLink.Add(new LinkJoins(_s.Links[i], links[i]));
            }
        }
        byLink.Sort((a, b) => a.Joins != b.Joins ? b.Joins.CompareTo(a.Joins) : string.CompareOrdinal(a.Link, b.Link));
        if (byLink.Count > _top)
        {
            byLink.RemoveRange(_top, byLink.Count - _top);
        }
        return new GrowthSources(joins, byInviter, byLink, withInviter, withLink, noRecord);
    }
}
