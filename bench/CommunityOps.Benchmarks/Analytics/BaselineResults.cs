using CommunityOps.Analytics;

namespace CommunityOps.Benchmarks.Analytics;

/// <summary>
/// Checksums of one workspace report (sums over every community and day), computed from our report
/// and by each baseline's SQL: equal sums say that the baselines compute the same definitions.
/// </summary>
internal sealed class BaselineResults(WorkspaceReport report)
{
    public const string ChecksumSql = """
        SELECT 'days.joined', sum(joined) FROM daily UNION ALL SELECT 'days.left', sum(gone) FROM daily
        UNION ALL SELECT 'days.members', sum(members) FROM daily UNION ALL SELECT 'days.messages', sum(messages) FROM daily
        UNION ALL SELECT 'days.staff_messages', sum(staff_messages) FROM daily UNION ALL SELECT 'days.dau', sum(dau) FROM daily
        UNION ALL SELECT 'days.wau', sum(wau) FROM daily UNION ALL SELECT 'days.mau', sum(mau) FROM daily
        UNION ALL SELECT 'cohorts.weekly.size', sum(n) FROM cohorts_weekly WHERE k = -1 UNION ALL SELECT 'cohorts.weekly.active', sum(n) FROM cohorts_weekly WHERE k >= 0
        UNION ALL SELECT 'cohorts.monthly.size', sum(n) FROM cohorts_monthly WHERE k = -1 UNION ALL SELECT 'cohorts.monthly.active', sum(n) FROM cohorts_monthly WHERE k >= 0
        UNION ALL SELECT 'heatmap', sum(n) FROM heatmap
        UNION ALL SELECT 'layers.' || layer, sum(n) FROM layers GROUP BY layer
        UNION ALL SELECT 'core.members', sum(members) FROM core UNION ALL SELECT 'core.messages', sum(messages) FROM core
        UNION ALL SELECT 'response.periods', sum(periods) FROM response UNION ALL SELECT 'response.answered', sum(answered) FROM response
        UNION ALL SELECT 'response.median', sum(median_seconds) FROM response UNION ALL SELECT 'response.p90', sum(p90_seconds) FROM response
        UNION ALL SELECT 'operators.answered', sum(answered) FROM operators UNION ALL SELECT 'operators.median', sum(median_seconds) FROM operators
        UNION ALL SELECT 'interaction.messages', sum(messages) FROM interaction UNION ALL SELECT 'interaction.active', sum(active_members) FROM interaction
        UNION ALL SELECT 'interaction.replies', sum(replies) FROM interaction UNION ALL SELECT 'interaction.reactions_given', sum(reactions_given) FROM interaction
        UNION ALL SELECT 'interaction.mentions', sum(mentions) FROM interaction UNION ALL SELECT 'interaction.replied', sum(replied_messages) FROM interaction
        UNION ALL SELECT 'interaction.reactions_received', sum(n) FROM reactions_received
        UNION ALL SELECT 'top_messages.score', sum(replies + reactions) FROM top_messages UNION ALL SELECT 'top_contributors.messages', sum(n) FROM top_contributors
        UNION ALL SELECT 'growth.joins', sum(joins) FROM growth UNION ALL SELECT 'growth.with_inviter', sum(with_inviter) FROM growth
        UNION ALL SELECT 'growth.with_link', sum(with_link) FROM growth UNION ALL SELECT 'growth.no_record', sum(no_record) FROM growth
        UNION ALL SELECT 'growth.top_inviters', sum(n) FROM growth_inviters
        """;

    public Dictionary<string, long> Ours { get; } = Compute(report);

    private static Dictionary<string, long> Compute(WorkspaceReport report)
    {
        var c = report.Communities;
        long Sum(Func<CommunityReport, long> f) => c.Sum(f);
        return new()
        {
            ["days.joined"] = Sum(r => r.Days.Sum(d => d.Joined)),
            ["days.left"] = Sum(r => r.Days.Sum(d => d.Left)),
            ["days.members"] = Sum(r => r.Days.Sum(d => (long)d.Members)),
            ["days.messages"] = Sum(r => r.Days.Sum(d => (long)d.Messages)),
            ["days.staff_messages"] = Sum(r => r.Days.Sum(d => (long)d.StaffMessages)),
            ["days.dau"] = Sum(r => r.Days.Sum(d => (long)d.Dau)),
            ["days.wau"] = Sum(r => r.Days.Sum(d => (long)d.Wau)),
            ["days.mau"] = Sum(r => r.Days.Sum(d => (long)d.Mau)),
            ["cohorts.weekly.size"] = Sum(r => r.Cohorts.Weekly.Sum(w => w.Size)),
            ["cohorts.weekly.active"] = Sum(r => r.Cohorts.Weekly.Sum(w => w.Active.Sum())),
            ["cohorts.monthly.size"] = Sum(r => r.Cohorts.Monthly.Sum(w => w.Size)),
            ["cohorts.monthly.active"] = Sum(r => r.Cohorts.Monthly.Sum(w => w.Active.Sum())),
            ["heatmap"] = Sum(r => r.Heatmap.Messages.Sum(h => h.Sum())),
            ["layers.new"] = Sum(r => r.Layers.New),
            ["layers.active"] = Sum(r => r.Layers.Active),
            ["layers.casual"] = Sum(r => r.Layers.Casual),
            ["layers.silent"] = Sum(r => r.Layers.Silent),
            ["layers.churned"] = Sum(r => r.Layers.Churned),
            ["core.members"] = Sum(r => r.CoreContributors.Count),
            ["core.messages"] = Sum(r => r.CoreContributors.Messages),
            ["response.periods"] = Sum(r => r.Response.Periods),
            ["response.answered"] = Sum(r => r.Response.Answered),
            ["response.median"] = Sum(r => r.Response.MedianSeconds ?? 0),
            ["response.p90"] = Sum(r => r.Response.P90Seconds ?? 0),
            ["operators.answered"] = Sum(r => r.Response.Operators!.Sum(o => o.Answered)),
            ["operators.median"] = Sum(r => r.Response.Operators!.Sum(o => (long)o.MedianSeconds)),
            ["interaction.messages"] = Sum(r => r.Interaction.Messages),
            ["interaction.active"] = Sum(r => r.Interaction.ActiveMembers),
            ["interaction.replies"] = Sum(r => r.Interaction.Replies),
            ["interaction.reactions_given"] = Sum(r => r.Interaction.ReactionsGiven),
            ["interaction.mentions"] = Sum(r => r.Interaction.Mentions),
            ["interaction.replied"] = Sum(r => r.Interaction.RepliedMessages),
            ["interaction.reactions_received"] = Sum(r => r.Interaction.ReactionsReceived),
            ["top_messages.score"] = Sum(r => r.Interaction.TopMessages!.Sum(m => m.Replies + m.Reactions)),
            ["top_contributors.messages"] = Sum(r => r.Interaction.TopContributors!.Sum(m => m.Messages)),
            ["growth.joins"] = Sum(r => r.Growth.Joins),
            ["growth.with_inviter"] = Sum(r => r.Growth.WithInviter),
            ["growth.with_link"] = Sum(r => r.Growth.WithLink),
            ["growth.no_record"] = Sum(r => r.Growth.NoRecord),
            ["growth.top_inviters"] = Sum(r => r.Growth.ByInviter!.Sum(i => i.Joins)),
        };
    }

    /// <summary>Prints whether a baseline's checksums equal ours, naming any that differ.</summary>
    public void Compare(string baseline, IReadOnlyDictionary<string, long> theirs)
    {
        var differ = Ours.Where(p => theirs.GetValueOrDefault(p.Key, -1) != p.Value).Select(p => $"{p.Key} ours {p.Value:N0} vs {theirs.GetValueOrDefault(p.Key, -1):N0}").ToList();
        Console.WriteLine(differ.Count == 0
            ? $"            {baseline} computes the same figures: all {Ours.Count} checksums equal"
            : $"            {baseline} differs on {differ.Count} of {Ours.Count} checksums: {string.Join("; ", differ)}");
    }
}
