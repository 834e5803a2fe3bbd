using System.Globalization;
using CommunityOps.Analytics;
using CommunityOps.Messages;

namespace CommunityOps.Benchmarks.Analytics;

/// <summary>One generated event as a baseline row: targets are the seq of the target message.</summary>
internal readonly record struct BaselineRow(int Community, int Seq, long Ms, ActivityKind Kind, int Member, int Channel, int Target, bool IsReply, int Inviter, int Link, int Mentions);

/// <summary>metrics.sql with the range filled in and each dialect's one difference (the next-period step).</summary>
internal static class MetricsSql
{
    public enum Dialect
    {
        Postgres,
        DuckDb,
    }

    public static List<string> Load(MetricsQuery query, Dialect dialect)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Analytics", "metrics.sql");
        var text = File.ReadAllText(path)
            .Replace("{from}", query.From!.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{to}", query.To!.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{index_seg_members}", dialect == Dialect.Postgres ? "CREATE INDEX ON seg_members (community_id, channel, seg, ms, seq);" : "", StringComparison.Ordinal)
            .Replace("{next_period}", dialect == Dialect.Postgres ? PostgresNext : DuckDbNext, StringComparison.Ordinal);
        var statements = new List<string>();
        foreach (var part in text.Split(";\n"))
        {
            var lines = part.Split('\n').Where(l => !l.TrimStart().StartsWith("--", StringComparison.Ordinal)).ToList();
            var statement = string.Join('\n', lines).Trim();
            if (statement.Length > 0)
            {
                statements.Add(statement);
            }
        }
        return statements;
    }

    public static string Name(string statement) => statement.Split('\n')[0].Trim();

    // PostgreSQL: the next period of a segment by an index lookup in a lateral subquery.
    private const string PostgresNext = """
        SELECT n.community_id, n.channel, n.seg, n.seq, n.ms, n.d FROM p CROSS JOIN LATERAL (
                SELECT x.community_id, x.channel, x.seg, x.seq, x.ms, x.d FROM seg_members x
                WHERE x.community_id = p.community_id AND x.channel = p.channel AND x.seg = p.seg AND x.ms > p.ms + 86400000
                ORDER BY x.ms, x.seq LIMIT 1) n
        """;

    // DuckDB: the same step as a join on the smallest qualifying seq.
    private const string DuckDbNext = """
        SELECT x.community_id, x.channel, x.seg, x.seq, x.ms, x.d FROM p JOIN seg_members x
                ON x.community_id = p.community_id AND x.channel = p.channel AND x.seg = p.seg
                AND x.seq = (SELECT min(y.seq) FROM seg_members y WHERE y.community_id = p.community_id AND y.channel = p.channel AND y.seg = p.seg AND y.ms > p.ms + 86400000)
        """;

    /// <summary>Every generated event in fold order, community by community.</summary>
    public static IEnumerable<BaselineRow> Rows(HistoryGenerator generator)
    {
        for (var i = 0; i < generator.Communities; i++)
        {
            var g = generator.Generate(i);
            var messageSeq = new List<int>();
            for (var seq = 0; seq < g.Events.Length; seq++)
            {
                var e = g.Events[seq];
                yield return new BaselineRow(i + 1, seq, e.Ms, e.Kind, e.Member, e.Channel, e.Target >= 0 ? messageSeq[e.Target] : -1, e.IsReply,
                    e.Kind == ActivityKind.Join ? e.Related : -1, e.Kind == ActivityKind.Join ? e.Link : -1, e.Mentions);
                if (e.Kind == ActivityKind.Message)
                {
                    messageSeq.Add(seq);
                }
            }
        }
    }
}
