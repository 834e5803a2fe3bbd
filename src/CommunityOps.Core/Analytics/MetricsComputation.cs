using CommunityOps.Resources;

namespace CommunityOps.Analytics;

/// <summary>
/// The pure part of the engine: reports from folded states, without the store. <see cref="MetricsEngine"/>
/// adds the locking, zone overrides and message texts; the benchmark calls this directly.
/// </summary>
internal static class MetricsComputation
{
    public static CommunityReport Community(CommunityState state, MetricsQuery query, AnalyticsOptions options, DateOnly today) =>
        Calculator(state, Range(state, query, today), options, null).Compute();

    public static WorkspaceReport Workspace(string? workspace, IReadOnlyList<CommunityState> states, MetricsQuery query, AnalyticsOptions options, DateOnly today)
    {
        var (from, to) = SharedRange(states, query, today);
        var reports = new CommunityReport[states.Count];
        var parts = new TotalsParts();
        Parallel.For(0, states.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
            () => new TotalsParts(),
            (i, _, local) =>
            {
                reports[i] = Calculator(states[i], (from, to), options, local).Compute();
                return local;
            },
            local =>
            {
                lock (parts)
                {
                    parts.Add(local);
                }
            });
        var totals = WorkspaceTotals.Sum(workspace, LocalDays.ToDate(from), LocalDays.ToDate(to), reports, parts,
            workspace is null ? options.Layers : options.For(workspace));
        return new WorkspaceReport(workspace ?? "*", LocalDays.ToDate(from), LocalDays.ToDate(to), totals, [.. reports]);
    }

    public static MemberListing Members(CommunityState state, MemberLayer? layer, MetricsQuery query, AnalyticsOptions options, DateOnly today)
    {
        var range = Range(state, query, today);
        var list = new List<LayerMember>();
        Calculator(state, range, options, null).Layers(list, layer);
        list.Sort((a, b) => a.Layer != b.Layer ? a.Layer.CompareTo(b.Layer) : a.MemberId.CompareTo(b.MemberId));
        return new MemberListing(state.Name, state.Clock.Id, LocalDays.ToDate(range.To), layer, list);
    }

    private static ReportCalculator Calculator(CommunityState state, (int From, int To) range, AnalyticsOptions options, TotalsParts? parts)
    {
        var thresholds = options.For(state.Workspace);
        thresholds.Validate();
        return new ReportCalculator(state, range.From, range.To, thresholds, options.TopCount) { Parts = parts };
    }

    /// <summary>
    /// Defaults: `to` is the last local date with any activity (today when there is none), `from` is
    /// 89 days before `to` (90 days); an explicit `from` after the last activity moves `to` up to it.
    /// </summary>
    internal static (int From, int To) Range(CommunityState state, MetricsQuery query, DateOnly today) =>
        Resolve(query, state.IsEmpty ? LocalDays.FromDate(today) : state.LastDay);

    private static (int From, int To) SharedRange(IReadOnlyList<CommunityState> states, MetricsQuery query, DateOnly today)
    {
        var last = states.Where(s => !s.IsEmpty).Select(s => s.LastDay).DefaultIfEmpty(LocalDays.FromDate(today)).Max();
        return Resolve(query, last);
    }

    private static (int From, int To) Resolve(MetricsQuery query, int lastDay)
    {
        int from, to;
        if (query.To is { } t)
        {
            to = LocalDays.FromDate(t);
            from = query.From is { } f ? LocalDays.FromDate(f) : to - MetricsQuery.DefaultDays + 1;
        }
        else if (query.From is { } f)
        {
            from = LocalDays.FromDate(f);
            to = Math.Max(from, lastDay);
        }
        else
        {
            to = lastDay;
            from = to - MetricsQuery.DefaultDays + 1;
        }
        if (from > to)
        {
            throw new CommunityOpsException(Errors.FromAfterTo(LocalDays.Format(from), LocalDays.Format(to)));
        }
        if (to - from > 3660)
        {
            throw new CommunityOpsException(Errors.RangeTooLong(LocalDays.Format(from), LocalDays.Format(to)));
        }
        return (from, to);
    }
}
