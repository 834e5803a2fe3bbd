namespace CommunityOps.Analytics;

/// <summary>
/// Totals over the communities of a report. A member is an identity inside one community, so distinct
/// member counts (dau, wau, mau, active, layers) are sums; ratios are recomputed from the sums; the
/// percentiles and the core contributors are exact over the union. Ranked lists are per community only.
/// </summary>
internal static class WorkspaceTotals
{
    public static CommunityReport Sum(string? workspace, DateOnly from, DateOnly to, IReadOnlyList<CommunityReport> reports,
        IReadOnlyList<ReportCalculator> calculators, LayerThresholds thresholds)
    {
        var n = (to.DayNumber - from.DayNumber) + 1;
        var days = new List<DayMetrics>(n);
        for (var i = 0; i < n; i++)
        {
            int joined = 0, left = 0, members = 0, messages = 0, staff = 0, dau = 0, wau = 0, mau = 0;
            foreach (var r in reports)
            {
                var d = r.Days[i];
                (joined, left, members, messages, staff) = (joined + d.Joined, left + d.Left, members + d.Members, messages + d.Messages, staff + d.StaffMessages);
                (dau, wau, mau) = (dau + d.Dau, wau + d.Wau, mau + d.Mau);
            }
            days.Add(new DayMetrics(from.AddDays(i), joined, left, members, messages, staff, dau, wau, mau));
        }
        var summary = new MetricsSummary(
            reports.Sum(r => r.Summary.Joined), reports.Sum(r => r.Summary.Left), reports.Sum(r => r.Summary.MembersStart), reports.Sum(r => r.Summary.MembersEnd),
            reports.Sum(r => r.Summary.Messages), reports.Sum(r => r.Summary.StaffMessages), reports.Sum(r => r.Summary.ActiveMembers), reports.Sum(r => r.Summary.StaffMembers));
        var interactions = reports.Select(r => r.Interaction).ToList();
        var active = interactions.Sum(x => x.ActiveMembers);
        var replied = interactions.Sum(x => x.RepliedMessages);
        return new CommunityReport
        {
            Workspace = workspace,
            From = from,
            To = to,
            Summary = summary,
            Days = days,
            Cohorts = new CohortTables(SumCohorts(reports, r => r.Cohorts.Weekly), SumCohorts(reports, r => r.Cohorts.Monthly)),
            Heatmap = new Heatmap([.. Enumerable.Range(0, 7).Select(w => Enumerable.Range(0, 24).Select(h => reports.Sum(r => r.Heatmap.Messages[w][h])).ToArray())]),
            Layers = new LayerCounts(reports.Sum(r => r.Layers.New), reports.Sum(r => r.Layers.Active), reports.Sum(r => r.Layers.Casual),
                reports.Sum(r => r.Layers.Silent), reports.Sum(r => r.Layers.Churned)),
            CoreContributors = Core(calculators, thresholds),
            Response = Response(reports, calculators),
            Interaction = new InteractionMetrics
            {
                Messages = summary.Messages,
                ActiveMembers = active,
                Replies = interactions.Sum(x => x.Replies),
                ReactionsGiven = interactions.Sum(x => x.ReactionsGiven),
                ReactionsReceived = interactions.Sum(x => x.ReactionsReceived),
                Mentions = interactions.Sum(x => x.Mentions),
                MessagesPerActiveMember = active == 0 ? 0 : Math.Round(summary.Messages / (double)active, 2),
                RepliedMessages = replied,
                RepliedShare = summary.Messages == 0 ? 0 : Math.Round(replied / (double)summary.Messages, 4),
            },
            Growth = new GrowthSources(reports.Sum(r => r.Growth.Joins), null, null, reports.Sum(r => r.Growth.WithInviter),
                reports.Sum(r => r.Growth.WithLink), reports.Sum(r => r.Growth.NoRecord)),
        };
    }

    private static List<Cohort> SumCohorts(IReadOnlyList<CommunityReport> reports, Func<CommunityReport, List<Cohort>> pick)
    {
        if (reports.Count == 0)
        {
            return [];
        }
        var first = pick(reports[0]);
        var result = new List<Cohort>(first.Count);
        for (var i = 0; i < first.Count; i++)
        {
            var active = new int[first[i].Active.Length];
            var size = 0;
            foreach (var r in reports)
            {
                var c = pick(r)[i];
                size += c.Size;
                for (var k = 0; k < active.Length; k++)
                {
                    active[k] += c.Active[k];
                }
            }
            result.Add(first[i] with { Size = size, Active = active });
        }
        return result;
    }

    private static CoreContributors Core(IReadOnlyList<ReportCalculator> calculators, LayerThresholds thresholds)
    {
        // Largest counts first, by a histogram of the counts (they are small numbers; sorting millions is not needed).
        var max = 0;
        long total = 0;
        foreach (var c in calculators)
        {
            foreach (var n in c.CoreCounts)
            {
                max = Math.Max(max, n);
                total += n;
            }
        }
        var histogram = new int[max + 1];
        foreach (var c in calculators)
        {
            foreach (var n in c.CoreCounts)
            {
                histogram[n]++;
            }
        }
        long covered = 0;
        var members = 0;
        for (var n = max; n > 0 && covered * 100 < total * thresholds.CoreSharePercent; n--)
        {
            for (var k = histogram[n]; k > 0 && covered * 100 < total * thresholds.CoreSharePercent; k--)
            {
                covered += n;
                members++;
            }
        }
        return new CoreContributors(thresholds.CoreDays, (int)total, members, total == 0 ? 0 : Math.Round(covered / (double)total, 4), []);
    }

    private static ResponseMetrics Response(IReadOnlyList<CommunityReport> reports, IReadOnlyList<ReportCalculator> calculators)
    {
        // An answered wait is at most 24 hours, so the union's nearest ranks come from a histogram of seconds.
        var histogram = new int[(24 * 3600) + 1];
        long n = 0;
        foreach (var c in calculators)
        {
            foreach (var wait in c.AnswerWaits)
            {
                histogram[wait]++;
            }
            n += c.AnswerWaits.Length;
        }
        int? median = null, p90 = null;
        if (n > 0)
        {
            median = Rank(histogram, (n + 1) / 2);
            p90 = Rank(histogram, ((9 * n) + 9) / 10);
        }
        return new ResponseMetrics(reports.Sum(r => r.Response.Periods), (int)n, median, p90, null);
    }

    /// <summary>The rank-th smallest (1-based) value counted in the histogram.</summary>
    private static int Rank(int[] histogram, long rank)
    {
        long seen = 0;
        for (var v = 0; v < histogram.Length; v++)
        {
            seen += histogram[v];
            if (seen >= rank)
            {
                return v;
            }
        }
        return histogram.Length - 1;
    }
}
