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
        var (days, summary) = DaysAndSummary();
        var memberCounts = MemberActivity(out var activeMembers, out var topContributors);
        var interaction = Interaction(summary, activeMembers, topContributors);
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
            Heatmap = Heatmap(),
            Layers = Layers(null, null),
            CoreContributors = Core(memberCounts),
            Response = Response(),
            Interaction = interaction,
            Growth = Growth(),
        };
    }

    private DayRow Row(int day) => _s.HasDay(day) ? _s.Day(day) : default;

    private (List<DayMetrics> Days, MetricsSummary Summary) DaysAndSummary()
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
        int joined = 0, left = 0, messages = 0, staffMessages = 0;
        for (var d = _from; d <= _to; d++)
        {
            var row = Row(d);
            members += row.Joined - row.Left;
            wau += row.WauDelta;
            mau += row.MauDelta;
            joined += row.Joined;
            left += row.Left;
            messages += row.Messages;
            staffMessages += row.StaffMessages;
            days.Add(new DayMetrics(LocalDays.ToDate(d), row.Joined, row.Left, members, row.Messages, row.StaffMessages, row.Dau, wau, mau,
                Stickiness(row.Dau, mau)));
        }
        return (days, new MetricsSummary(joined, left, membersStart, members, messages, staffMessages, 0, 0));
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

    private Heatmap Heatmap()
    {
        var grid = new int[7][];
        for (var w = 0; w < 7; w++)
        {
            grid[w] = new int[24];
        }
        for (var d = Math.Max(_from, _s.BaseDay); d <= _to && _s.HasDay(d); d++)
        {
            ref var row = ref _s.Day(d);
            if (row.Messages == 0)
            {
                continue;
            }
            var cells = grid[LocalDays.Weekday(d)];
            for (var h = 0; h < 24; h++)
            {
                cells[h] += _s.Hours(d, h);
            }
        }
        return new Heatmap(grid);
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
            list.Add(new Cohort(LocalDays.Format(LocalDays.WeekStart(week)), null, size, active));
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
            list.Add(new Cohort(null, $"{month / 12:D4}-{(month % 12) + 1:D2}", size, active));
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
