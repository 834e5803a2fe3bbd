using CommunityOps.Analytics;
using CommunityOps.Communities;
using CommunityOps.Members;
using CommunityOps.Messages;

namespace CommunityOps.Tests.Analytics;

/// <summary>
/// The definitions of docs/metrics.md written as plainly as possible, with LINQ over the raw activity
/// rows and TimeZoneInfo for every conversion: slow, obvious, and independent of the engine's
/// rollups. The property tests compare the engine with this on random histories.
/// </summary>
public sealed class ReferenceMetrics
{
    private const long DayMs = 86_400_000;
    private const int Top = 10;

    private readonly Community _community;
    private readonly TimeZoneInfo _zone;
    private readonly Dictionary<long, Member> _members;
    private readonly List<Ev> _events;
    private readonly LayerThresholds _t = LayerThresholds.Default;

    public ReferenceMetrics(Community community, IEnumerable<Member> members, IEnumerable<Activity> activities, string? zone = null)
    {
        _community = community;
        _zone = TimeZoneInfo.FindSystemTimeZoneById(zone ?? community.TimeZone);
        _members = members.ToDictionary(m => m.Id);
        _events = activities
            .Select(a => new Ev(a, Local(a.OccurredAt)))
            .OrderBy(e => e.A.OccurredAt.ToUnixTimeMilliseconds())
            .ThenBy(e => e.A.Kind switch { ActivityKind.Join => 0, ActivityKind.Message => 1, ActivityKind.Reaction => 2, _ => 3 })
            .ThenBy(e => e.A.SourceId, StringComparer.Ordinal)
            .ToList();
    }

    private sealed record Ev(Activity A, DateTime Local)
    {
        public DateOnly Date => DateOnly.FromDateTime(Local);
        public long Ms => A.OccurredAt.ToUnixTimeMilliseconds();
        public long Member => A.MemberId;
    }

    private sealed record MoveRef(DateOnly Date, bool In, Ev Cause);

    private DateTime Local(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, _zone).DateTime;

    private bool IsStaff(long member) => _members[member].IsStaff;

    private IEnumerable<Ev> MemberMessages => _events.Where(e => e.A.Kind == ActivityKind.Message && !IsStaff(e.Member));

    public (DateOnly From, DateOnly To) DefaultRange()
    {
        var to = _events.Count == 0 ? DateOnly.MinValue : _events.Max(e => e.Date);
        return (to.AddDays(-89), to);
    }

    /// <summary>Each non-staff member's state moves, in order; the initial state is in when the first event is a leave.</summary>
    private Dictionary<long, List<MoveRef>> Moves()
    {
        var result = new Dictionary<long, List<MoveRef>>();
        foreach (var group in _events.Where(e => !IsStaff(e.Member)).GroupBy(e => e.Member))
        {
            var events = group.ToList();
            var isIn = events[0].A.Kind == ActivityKind.Leave;
            var moves = new List<MoveRef>();
            foreach (var e in events)
            {
                if (e.A.Kind == ActivityKind.Leave && isIn)
                {
                    moves.Add(new MoveRef(e.Date, false, e));
                    isIn = false;
                }
                else if (e.A.Kind != ActivityKind.Leave && !isIn)
                {
                    moves.Add(new MoveRef(e.Date, true, e));
                    isIn = true;
                }
            }
            result[group.Key] = moves;
        }
        return result;
    }

    private bool IsInAtEndOf(long member, List<MoveRef> moves, DateOnly day)
    {
        var last = moves.LastOrDefault(m => m.Date <= day);
        if (last is not null)
        {
            return last.In;
        }
        return _events.First(e => e.Member == member).A.Kind == ActivityKind.Leave;
    }

    public CommunityReport Report(DateOnly from, DateOnly to)
    {
        var moves = Moves();
        var dates = Enumerable.Range(0, to.DayNumber - from.DayNumber + 1).Select(i => from.AddDays(i)).ToList();
        var messageDates = MemberMessages.GroupBy(e => e.Member).ToDictionary(g => g.Key, g => g.Select(e => e.Date).ToHashSet());
        int ActiveOver(DateOnly day, int n) => messageDates.Count(p => p.Value.Any(d => d <= day && d > day.AddDays(-n)));
        int MembersAt(DateOnly day) => moves.Count(p => IsInAtEndOf(p.Key, p.Value, day));

        var days = dates.Select(d =>
        {
            var dau = ActiveOver(d, 1);
            var mau = ActiveOver(d, 30);
            return new DayMetrics(d,
                moves.Values.Sum(ms => ms.Count(m => m.In && m.Date == d)),
                moves.Values.Sum(ms => ms.Count(m => !m.In && m.Date == d)),
                MembersAt(d),
                MemberMessages.Count(e => e.Date == d),
                _events.Count(e => e.A.Kind == ActivityKind.Message && IsStaff(e.Member) && e.Date == d),
                dau, ActiveOver(d, 7), mau);
        }).ToList();

        var inRange = MemberMessages.Where(e => e.Date >= from && e.Date <= to).ToList();
        var activeMembers = inRange.Select(e => e.Member).Distinct().Count();
        var summary = new MetricsSummary(days.Sum(d => d.Joined), days.Sum(d => d.Left), MembersAt(from.AddDays(-1)), MembersAt(to),
            inRange.Count, days.Sum(d => d.StaffMessages), activeMembers,
            _members.Values.Count(m => m.IsStaff && _events.Any(e => e.Member == m.Id && e.Date <= to)));

        return new CommunityReport
        {
            CommunityId = _community.Id,
            Community = _community.Name,
            Workspace = null,
            Tz = _zone.Id,
            From = from,
            To = to,
            Summary = summary,
            Days = days,
            Cohorts = new CohortTables(WeeklyCohorts(moves, messageDates, from, to), MonthlyCohorts(moves, messageDates, from, to)),
            Heatmap = new Heatmap([.. Enumerable.Range(0, 7).Select(w => Enumerable.Range(0, 24)
                .Select(h => inRange.Count(e => ((int)e.Local.DayOfWeek + 6) % 7 == w && e.Local.Hour == h)).ToArray())]),
            Layers = Layers(moves, to, out _),
            CoreContributors = Core(to),
            Response = Response(from, to),
            Interaction = Interaction(inRange, activeMembers, from, to),
            Growth = Growth(moves, from, to),
        };
    }

    private static DateOnly Monday(DateOnly d) => d.AddDays(-(((int)d.DayOfWeek + 6) % 7));

    private List<Cohort> WeeklyCohorts(Dictionary<long, List<MoveRef>> moves, Dictionary<long, HashSet<DateOnly>> messageDates, DateOnly from, DateOnly to)
    {
        var cohortOf = moves.Where(p => p.Value.Any(m => m.In)).ToDictionary(p => p.Key, p => Monday(p.Value.First(m => m.In).Date));
        var list = new List<Cohort>();
        for (var week = Monday(from); week <= to; week = week.AddDays(7))
        {
            var members = cohortOf.Where(p => p.Value == week).Select(p => p.Key).ToList();
            var active = new List<int>();
            for (var k = 0; k <= 12 && week.AddDays(7 * k) <= to; k++)
            {
                var start = week.AddDays(7 * k);
                active.Add(members.Count(m => messageDates.TryGetValue(m, out var ds) && ds.Any(d => d >= start && d < start.AddDays(7))));
            }
            list.Add(new Cohort(week, null, members.Count, [.. active]));
        }
        return list;
    }

    private List<Cohort> MonthlyCohorts(Dictionary<long, List<MoveRef>> moves, Dictionary<long, HashSet<DateOnly>> messageDates, DateOnly from, DateOnly to)
    {
        static DateOnly First(DateOnly d) => new(d.Year, d.Month, 1);
        var cohortOf = moves.Where(p => p.Value.Any(m => m.In)).ToDictionary(p => p.Key, p => First(p.Value.First(m => m.In).Date));
        var list = new List<Cohort>();
        for (var month = First(from); month <= to; month = month.AddMonths(1))
        {
            var members = cohortOf.Where(p => p.Value == month).Select(p => p.Key).ToList();
            var active = new List<int>();
            for (var k = 0; k <= 12 && month.AddMonths(k) <= to; k++)
            {
                var start = month.AddMonths(k);
                active.Add(members.Count(m => messageDates.TryGetValue(m, out var ds) && ds.Any(d => d >= start && d < start.AddMonths(1))));
            }
            list.Add(new Cohort(null, month, members.Count, [.. active]));
        }
        return list;
    }

    public LayerCounts Layers(DateOnly to, out List<LayerMember> members) => Layers(null, to, out members);

    private LayerCounts Layers(Dictionary<long, List<MoveRef>>? moves, DateOnly to, out List<LayerMember> members)
    {
        moves ??= Moves();
        members = [];
        static string F(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        foreach (var (member, list) in moves.OrderBy(p => p.Key))
        {
            if (!_events.Any(e => e.Member == member && e.Date <= to))
            {
                continue;
            }
            var firstJoin = list.FirstOrDefault(m => m.In)?.Date;
            var lastMessage = MemberMessages.Where(e => e.Member == member && e.Date <= to).Select(e => (DateOnly?)e.Date).LastOrDefault();
            MemberLayer layer;
            string reason;
            if (!IsInAtEndOf(member, list, to))
            {
                layer = MemberLayer.Churned;
                reason = $"left on {F(list.Last(m => !m.In && m.Date <= to).Date)}";
            }
            else if (firstJoin > to.AddDays(-_t.NewDays))
            {
                layer = MemberLayer.New;
                reason = $"joined on {F(firstJoin.Value)}";
            }
            else if (lastMessage > to.AddDays(-_t.ActiveDays))
            {
                layer = MemberLayer.Active;
                reason = $"last message on {F(lastMessage.Value)}";
            }
            else if (lastMessage > to.AddDays(-_t.CasualDays))
            {
                layer = MemberLayer.Casual;
                reason = $"last message on {F(lastMessage.Value)}, none in the last {_t.ActiveDays} days";
            }
            else
            {
                layer = MemberLayer.Silent;
                reason = lastMessage is { } l ? $"no message since {F(l)}" : $"no message since joining on {F(firstJoin!.Value)}";
            }
            members.Add(new LayerMember(member, _members[member].DisplayName, layer, reason, firstJoin <= to ? firstJoin : null, lastMessage));
        }
        return new LayerCounts(members.Count(m => m.Layer == MemberLayer.New), members.Count(m => m.Layer == MemberLayer.Active),
            members.Count(m => m.Layer == MemberLayer.Casual), members.Count(m => m.Layer == MemberLayer.Silent), members.Count(m => m.Layer == MemberLayer.Churned));
    }

    private CoreContributors Core(DateOnly to)
    {
        var counts = MemberMessages.Where(e => e.Date <= to && e.Date > to.AddDays(-_t.CoreDays))
            .GroupBy(e => e.Member).Select(g => (Member: g.Key, Count: g.Count()))
            .OrderByDescending(x => x.Count).ThenBy(x => x.Member).ToList();
        var total = counts.Sum(x => x.Count);
        var core = new List<ContributorCount>();
        var covered = 0;
        foreach (var (member, count) in counts)
        {
            if (covered * 100L >= total * (long)_t.CoreSharePercent)
            {
                break;
            }
            covered += count;
            core.Add(new ContributorCount(member, _members[member].DisplayName, count));
        }
        return new CoreContributors(_t.CoreDays, total, core.Count, total == 0 ? 0 : Math.Round(covered / (double)total, 4), [.. core.Take(Top)]);
    }

    private static int NearestRank(List<int> sorted, decimal p) => sorted[(int)Math.Ceiling(p * sorted.Count) - 1];

    /// <summary>The answer delays of the periods opened in the range.</summary>
    public List<int> AnswerWaits(DateOnly from, DateOnly to) => AnsweredPeriods(from, to).Select(a => a.Wait).ToList();

    /// <summary>Messages per member over the core-contributor window ending on <paramref name="to"/>.</summary>
    public List<int> CoreCounts(DateOnly to) =>
        MemberMessages.Where(e => e.Date <= to && e.Date > to.AddDays(-_t.CoreDays)).GroupBy(e => e.Member).Select(g => g.Count()).ToList();

    public static int NearestRank(IEnumerable<int> values, decimal p)
    {
        var sorted = values.Order().ToList();
        return NearestRank(sorted, p);
    }

    private ResponseMetrics Response(DateOnly from, DateOnly to)
    {
        var (counted, answered) = (PeriodsOpened(from, to), AnsweredPeriods(from, to));
        var waits = answered.Select(a => a.Wait).Order().ToList();
        var operators = answered.GroupBy(a => a.Operator).Select(g =>
        {
            var sorted = g.Select(a => a.Wait).Order().ToList();
            return new OperatorResponse(g.Key, _members[g.Key].DisplayName, sorted.Count, NearestRank(sorted, 0.5m), NearestRank(sorted, 0.9m));
        }).OrderByDescending(o => o.Answered).ThenBy(o => o.MemberId).ToList();
        return new ResponseMetrics(counted, answered.Count, waits.Count == 0 ? null : NearestRank(waits, 0.5m),
            waits.Count == 0 ? null : NearestRank(waits, 0.9m), operators);
    }

    private int PeriodsOpened(DateOnly from, DateOnly to) => Periods().Count(p => p.Open.Date >= from && p.Open.Date <= to);

    private List<(long Operator, int Wait)> AnsweredPeriods(DateOnly from, DateOnly to) =>
        Periods().Where(p => p.Open.Date >= from && p.Open.Date <= to && p.Answer is not null)
            .Select(p => (Operator: p.Answer!.Member, Wait: (int)((p.Answer.Ms - p.Open.Ms) / 1000))).ToList();

    private List<(Ev Open, Ev? Answer)> Periods()
    {
        var periods = new List<(Ev Open, Ev? Answer)>();
        foreach (var channel in _events.Where(e => e.A.Kind == ActivityKind.Message).GroupBy(e => e.A.ChannelId))
        {
            var messages = channel.ToList();
            var opened = new List<int>();
            for (var i = 0; i < messages.Count; i++)
            {
                if (IsStaff(messages[i].Member))
                {
                    continue;
                }
                // A period is still open at this message when the last one opened less than 24 hours
                // ago (inclusive) and no staff message came since.
                var open = opened.Count > 0
                    && messages[i].Ms - messages[opened[^1]].Ms <= DayMs
                    && !messages.Skip(opened[^1] + 1).Take(i - opened[^1] - 1).Any(m => IsStaff(m.Member));
                if (!open)
                {
                    opened.Add(i);
                }
            }
            foreach (var i in opened)
            {
                var answer = messages.Skip(i + 1).FirstOrDefault(m => IsStaff(m.Member));
                periods.Add((messages[i], answer is not null && answer.Ms - messages[i].Ms <= DayMs ? answer : null));
            }
        }
        return periods;
    }

    private Ev? TargetOf(Ev e)
    {
        var source = e.A.ReplyTo ?? e.A.Target;
        return source is null ? null : _events.FirstOrDefault(t => t.A.Kind == ActivityKind.Message && t.A.SourceId == source);
    }

    private InteractionMetrics Interaction(List<Ev> inRange, int activeMembers, DateOnly from, DateOnly to)
    {
        var engagement = new Dictionary<long, (int Replies, int Reactions)>();
        foreach (var e in _events.Where(e => e.A.Kind is ActivityKind.Message or ActivityKind.Reaction))
        {
            if (TargetOf(e) is { } target && target.Member != e.Member)
            {
                var (r, x) = engagement.GetValueOrDefault(target.A.Id);
                engagement[target.A.Id] = e.A.Kind == ActivityKind.Message ? (r + 1, x) : (r, x + 1);
            }
        }
        var reactions = _events.Where(e => e.A.Kind == ActivityKind.Reaction && e.Date >= from && e.Date <= to).ToList();
        var replied = inRange.Count(e => engagement.GetValueOrDefault(e.A.Id).Replies > 0);
        var top = inRange.Select(e => (Ev: e, E: engagement.GetValueOrDefault(e.A.Id))).Where(x => x.E.Replies + x.E.Reactions > 0)
            .OrderByDescending(x => x.E.Replies + x.E.Reactions).Take(Top)
            .Select(x => new TopMessage(x.Ev.A.Id, x.Ev.Member, _members[x.Ev.Member].DisplayName, x.Ev.Date, x.E.Replies, x.E.Reactions)
            {
                SourceId = x.Ev.A.SourceId,
                Text = x.Ev.A.Text is { Length: > 140 } t ? t[..140] + "…" : x.Ev.A.Text,
            }).ToList();
        return new InteractionMetrics
        {
            Messages = inRange.Count,
            ActiveMembers = activeMembers,
            Replies = inRange.Count(e => e.A.ReplyTo is not null),
            ReactionsGiven = reactions.Count(e => !IsStaff(e.Member)),
            ReactionsReceived = reactions.Count(e => TargetOf(e) is { } t && t.Member != e.Member && !IsStaff(t.Member)),
            Mentions = inRange.Sum(e => e.A.Mentions),
            MessagesPerActiveMember = activeMembers == 0 ? 0 : Math.Round(inRange.Count / (double)activeMembers, 2),
            RepliedMessages = replied,
            RepliedShare = inRange.Count == 0 ? 0 : Math.Round(replied / (double)inRange.Count, 4),
            TopContributors = [.. inRange.GroupBy(e => e.Member).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).Take(Top)
                .Select(g => new ContributorCount(g.Key, _members[g.Key].DisplayName, g.Count()))],
            TopMessages = top,
        };
    }

    private GrowthSources Growth(Dictionary<long, List<MoveRef>> moves, DateOnly from, DateOnly to)
    {
        var joins = moves.Values.SelectMany(m => m).Where(m => m.In && m.Date >= from && m.Date <= to).Select(m => m.Cause.A).ToList();
        var explicitJoins = joins.Where(a => a.Kind == ActivityKind.Join).ToList();
        return new GrowthSources(joins.Count,
            [.. explicitJoins.Where(a => a.RelatedMemberId is not null).GroupBy(a => a.RelatedMemberId!.Value)
                .Select(g => new InviterJoins(g.Key, _members[g.Key].DisplayName, g.Count())).OrderByDescending(x => x.Joins).ThenBy(x => x.MemberId).Take(Top)],
            [.. explicitJoins.Where(a => !string.IsNullOrEmpty(a.InviteLink)).GroupBy(a => a.InviteLink!)
                .Select(g => new LinkJoins(g.Key, g.Count())).OrderByDescending(x => x.Joins).ThenBy(x => x.Link, StringComparer.Ordinal).Take(Top)],
            explicitJoins.Count(a => a.RelatedMemberId is not null),
            explicitJoins.Count(a => !string.IsNullOrEmpty(a.InviteLink)),
            joins.Count(a => a.Kind != ActivityKind.Join || (a.RelatedMemberId is null && string.IsNullOrEmpty(a.InviteLink))));
    }
}
