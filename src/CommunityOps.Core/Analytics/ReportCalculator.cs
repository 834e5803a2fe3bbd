namespace CommunityOps.Analytics;

/// <summary>
/// Reads one community's folded state for a range of local days. Every figure comes from rollups
/// and compact logs, so the cost follows days, members and waiting periods, not raw events.
/// </summary>
internal sealed partial class ReportCalculator
{
    private readonly CommunityState _s;
    private readonly int _from;
    private readonly int _to;
    private readonly LayerThresholds _thresholds;
    private readonly int _top;

    public ReportCalculator(CommunityState state, int fromDay, int toDay, LayerThresholds thresholds, int top)
    {
        _s = state;
        _from = fromDay;
        _to = toDay;
        _thresholds = thresholds;
        _top = top;
    }

    /// <summary>Keep <see cref="CoreCounts"/> for workspace totals.</summary>
    public bool KeepParts { get; init; }

    /// <summary>Positive message counts of the core-contributor window, largest first.</summary>
    public int[] CoreCounts { get; private set; } = [];

    /// <summary>Answer delays of the answered periods in the range (in no particular order).</summary>
    public int[] AnswerWaits { get; private set; } = [];

    public CommunityReport Compute()
    {
        var (days, summary, sums) = ScanDays();
        var memberCounts = MemberActivity(out var activeMembers, out var topContributors);
        var core = Core(memberCounts);
        Return(memberCounts);
        return new CommunityReport
        {
            CommunityId = _s.CommunityId,
            Community = _s.Name,
            Workspace = _s.Workspace,
            Tz = _s.Clock.Id,
            From = LocalDays.ToDate(_from),
            To = LocalDays.ToDate(_to),
            Summary = summary with { ActiveMembers = activeMembers, StaffMembers = StaffMembers() },
            Days = days,
            Cohorts = new CohortTables(WeeklyCohorts(), MonthlyCohorts()),
            Heatmap = new Heatmap(sums.Heatmap),
            Layers = Layers(null, null),
            CoreContributors = core,
            Response = Response(),
            Interaction = Interaction(summary, activeMembers, topContributors, sums),
            Growth = Growth(summary.Joined, sums),
        };
    }

    /// <summary>What one pass over the range's day rows adds up, beside the day list itself.</summary>
    private sealed class DaySums
    {
        public int Replies, ReactionsGiven, ReactionsReceived, Mentions, Replied, WithInviter, WithLink, NoRecord;
        public int[][] Heatmap = [.. Enumerable.Range(0, 7).Select(_ => new int[24])];
        public List<TopEntry> Top = [];
    }

    /// <summary>Every per-day figure in one pass over the day rows (they are the widest part of the state).</summary>
    private (List<DayMetrics> Days, MetricsSummary Summary, DaySums Sums) ScanDays()
    {
        int members = _s.InitialIn, wau = 0, mau = 0;
        if (_s.BaseDay != CommunityState.NoDay)
        {
            for (var d = _s.BaseDay; d < _from && d < _s.BaseDay + _s.Days.Count; d++)
            {
                ref var row = ref _s.Day(d);
                members += row.Joined - row.Left;
                wau += row.WauDelta;
                mau += row.MauDelta;
            }
        }
        var membersStart = members;
        var days = new List<DayMetrics>(_to - _from + 1);
        var sums = new DaySums();
        int joined = 0, left = 0, messages = 0, staffMessages = 0;
        for (var d = _from; d <= _to; d++)
        {
            if (!_s.HasDay(d))
            {
                days.Add(new DayMetrics(LocalDays.ToDate(d), 0, 0, members, 0, 0, 0, wau, mau));
                continue;
            }
            ref var row = ref _s.Day(d);
            members += row.Joined - row.Left;
            wau += row.WauDelta;
            mau += row.MauDelta;
            joined += row.Joined;
            left += row.Left;
            messages += row.Messages;
            staffMessages += row.StaffMessages;
            days.Add(new DayMetrics(LocalDays.ToDate(d), row.Joined, row.Left, members, row.Messages, row.StaffMessages, row.Dau, wau, mau));
            sums.Replies += row.Replies;
            sums.ReactionsGiven += row.ReactionsGiven;
            sums.ReactionsReceived += row.ReactionsReceived;
            sums.Mentions += row.Mentions;
            sums.Replied += row.Replied;
            sums.WithInviter += row.WithInviter;
            sums.WithLink += row.WithLink;
            sums.NoRecord += row.NoRecord;
            if (row.Messages > 0)
            {
                var cells = sums.Heatmap[LocalDays.Weekday(d)];
                for (var h = 0; h < 24; h++)
                {
                    cells[h] += row.Hours[h] == ushort.MaxValue ? _s.Hours(d, h) : row.Hours[h];
                }
            }
            MergeTop(sums.Top, ref row.Top);
        }
        return (days, new MetricsSummary(joined, left, membersStart, members, messages, staffMessages, 0, 0), sums);
    }

    /// <summary>The range's top messages are among its days' own top ten.</summary>
    private void MergeTop(List<TopEntry> top, ref TopEntries day)
    {
        for (var i = 0; i < TopEntries.Length && day[i].OrdinalPlusOne != 0; i++)
        {
            var entry = day[i];
            if (top.Count == _top && !entry.Beats(top[^1]))
            {
                return;
            }
            var at = top.Count;
            while (at > 0 && entry.Beats(top[at - 1]))
            {
                at--;
            }
            top.Insert(at, entry);
            if (top.Count > _top)
            {
                top.RemoveAt(_top);
            }
        }
    }

    internal static double Stickiness(int dau, int mau) => mau == 0 ? 0 : Math.Round(dau / (double)mau, 4);

    private int StaffMembers()
    {
        var n = 0;
        foreach (ref readonly var m in _s.Members.AsSpan())
        {
            if (m.IsStaff && m.FirstEventDay != CommunityState.NoDay && m.FirstEventDay <= _to)
            {
                n++;
            }
        }
        return n;
    }

    private List<Cohort> WeeklyCohorts()
    {
        var list = new List<Cohort>();
        for (var week = LocalDays.WeekOf(_from); LocalDays.WeekStart(week) <= _to; week++)
        {
            var n = 0;
            while (n <= CohortRow.MaxOffset && LocalDays.WeekStart(week + n) <= _to)
            {
                n++;
            }
            var (size, active) = CohortValues(_s.Weekly, week - _s.BaseWeek, n);
            list.Add(new Cohort(LocalDays.ToDate(LocalDays.WeekStart(week)), null, size, active));
        }
        return list;
    }

    private List<Cohort> MonthlyCohorts()
    {
        var list = new List<Cohort>();
        for (var month = LocalDays.MonthOf(_from); LocalDays.MonthStart(month) <= _to; month++)
        {
            var n = 0;
            while (n <= CohortRow.MaxOffset && LocalDays.MonthStart(month + n) <= _to)
            {
                n++;
            }
            var (size, active) = CohortValues(_s.Monthly, month - _s.BaseMonth, n);
            list.Add(new Cohort(null, LocalDays.ToDate(LocalDays.MonthStart(month)), size, active));
        }
        return list;
    }

    private (int Size, int[] Active) CohortValues(ValueList<CohortRow> rows, int index, int n)
    {
        var active = new int[n];
        if (_s.IsEmpty || index < 0 || index >= rows.Count)
        {
            return (0, active);
        }
        ref var row = ref rows[index];
        for (var k = 0; k < n; k++)
        {
            active[k] = row[1 + k];
        }
        return (row[0], active);
    }

    private static int FirstAtOrAfter<T>(ValueList<T> list, int day)
        where T : struct, IDayRow
    {
        int lo = 0, hi = list.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (list[mid].Day < day)
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
}

/// <summary>Log rows appended in time order, so that their days never decrease and a range is found by bisection.</summary>
internal interface IDayRow
{
    int Day { get; }
}
