using System.Diagnostics;
using CommunityOps.Messages;
using Npgsql;
using NpgsqlTypes;

namespace CommunityOps.Benchmarks.Analytics;

/// <summary>The same definitions as SQL on PostgreSQL: the generated rows are loaded with binary COPY, then metrics.sql runs.</summary>
internal static class PostgresBaseline
{
    private const string Database = "co_bench_metrics";

    public static async Task RunAsync(HistoryGenerator generator, string server, CommunityOps.Analytics.MetricsQuery query, TimeSpan ours, BaselineResults results)
    {
        try
        {
            await using (var admin = new NpgsqlConnection(server))
            {
                await admin.OpenAsync();
                await Execute(admin, $"DROP DATABASE IF EXISTS {Database} WITH (FORCE)");
                await Execute(admin, $"CREATE DATABASE {Database}");
            }
        }
        catch (NpgsqlException ex)
        {
            Console.WriteLine($"  baseline  PostgreSQL not run: {ex.Message}");
            return;
        }
        var cs = new NpgsqlConnectionStringBuilder(server) { Database = Database, CommandTimeout = 0 }.ConnectionString;
        await using var connection = new NpgsqlConnection(cs);
        await connection.OpenAsync();
        var version = (string)(await new NpgsqlCommand("SHOW server_version", connection).ExecuteScalarAsync())!;
        var load = Stopwatch.StartNew();
        await LoadAsync(connection, generator);
        load.Stop();
        Console.WriteLine($"  baseline  PostgreSQL {version}: COPY + ANALYZE {load.Elapsed.TotalSeconds:F1} s (not timed below)");

        // Session settings any analyst would use for one big query: memory for sorts and hashes, UTC for date_trunc.
        await Execute(connection, "SET work_mem = '512MB'; SET TimeZone = 'UTC'; SET max_parallel_workers_per_gather = 2");
        var sql = MetricsSql.Load(query, MetricsSql.Dialect.Postgres);
        var total = Stopwatch.StartNew();
        foreach (var statement in sql)
        {
            var one = Stopwatch.StartNew();
            await Execute(connection, statement);
            if (one.Elapsed.TotalSeconds > 5)
            {
                Console.WriteLine($"            {one.Elapsed.TotalSeconds,7:F1} s  {MetricsSql.Name(statement)}");
            }
        }
        total.Stop();
        Console.WriteLine($"  baseline  PostgreSQL SQL, every community, 365 days {total.Elapsed.TotalSeconds,8:F1} s; ours {ours.TotalMilliseconds:F0} ms: ours is {total.Elapsed / ours:N0}x faster (target >= 10x)");
        results.Compare("PostgreSQL", await ChecksumsAsync(connection));
        await connection.CloseAsync();
        NpgsqlConnection.ClearAllPools();
        await DropAsync(server);
    }

    // The session that ran the queries drops gigabytes of temp tables as it exits, which can outlast
    // the 5 s that DROP DATABASE … WITH (FORCE) waits for it on a loaded machine: retry, never crash
    // the run after its figures are printed.
    private static async Task DropAsync(string server)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var cleanup = new NpgsqlConnection(server);
                await cleanup.OpenAsync();
                await Execute(cleanup, $"DROP DATABASE IF EXISTS {Database} WITH (FORCE)");
                return;
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.ObjectInUse)
            {
                if (attempt == 12)
                {
                    Console.WriteLine($"            database {Database} left behind: {ex.MessageText}");
                    return;
                }
                await Task.Delay(TimeSpan.FromSeconds(10));
            }
        }
    }

    private static async Task LoadAsync(NpgsqlConnection connection, HistoryGenerator generator)
    {
        await Execute(connection, """
            CREATE UNLOGGED TABLE bench_communities (id integer PRIMARY KEY, tz text NOT NULL);
            CREATE UNLOGGED TABLE bench_members (community_id integer, member integer, is_staff boolean NOT NULL, PRIMARY KEY (community_id, member));
            CREATE UNLOGGED TABLE bench_events (community_id integer NOT NULL, seq integer NOT NULL, ms bigint NOT NULL, kind smallint NOT NULL, member integer NOT NULL,
                channel integer NOT NULL, target integer, is_reply boolean NOT NULL, inviter integer, link integer, mentions integer NOT NULL)
            """);
        await using (var communities = await connection.BeginBinaryImportAsync("COPY bench_communities FROM STDIN (FORMAT BINARY)"))
        {
            for (var i = 0; i < generator.Communities; i++)
            {
                await communities.WriteRowAsync(default, i + 1, generator.Setup(i).Zone);
            }
            await communities.CompleteAsync();
        }
        await using (var members = await connection.BeginBinaryImportAsync("COPY bench_members FROM STDIN (FORMAT BINARY)"))
        {
            for (var i = 0; i < generator.Communities; i++)
            {
                var (_, count, staff) = generator.Setup(i);
                for (var m = 0; m < count; m++)
                {
                    await members.WriteRowAsync(default, i + 1, m, m < staff);
                }
            }
            await members.CompleteAsync();
        }
        await using (var events = await connection.BeginBinaryImportAsync("COPY bench_events FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var row in MetricsSql.Rows(generator))
            {
                await events.StartRowAsync();
                await events.WriteAsync(row.Community, NpgsqlDbType.Integer);
                await events.WriteAsync(row.Seq, NpgsqlDbType.Integer);
                await events.WriteAsync(row.Ms, NpgsqlDbType.Bigint);
                await events.WriteAsync((short)row.Kind, NpgsqlDbType.Smallint);
                await events.WriteAsync(row.Member, NpgsqlDbType.Integer);
                await events.WriteAsync(row.Channel, NpgsqlDbType.Integer);
                await WriteNullable(events, row.Target);
                await events.WriteAsync(row.IsReply, NpgsqlDbType.Boolean);
                await WriteNullable(events, row.Inviter);
                await WriteNullable(events, row.Link);
                await events.WriteAsync(row.Mentions, NpgsqlDbType.Integer);
            }
            await events.CompleteAsync();
        }
        await Execute(connection, "ANALYZE");
    }

    private static async Task WriteNullable(NpgsqlBinaryImporter importer, int value)
    {
        if (value < 0)
        {
            await importer.WriteNullAsync();
        }
        else
        {
            await importer.WriteAsync(value, NpgsqlDbType.Integer);
        }
    }

    private static async Task<Dictionary<string, long>> ChecksumsAsync(NpgsqlConnection connection)
    {
        var result = new Dictionary<string, long>();
        await using var cmd = new NpgsqlCommand(BaselineResults.ChecksumSql, connection);
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            result[reader.GetString(0)] = reader.IsDBNull(1) ? 0 : Convert.ToInt64(reader.GetValue(1), System.Globalization.CultureInfo.InvariantCulture);
        }
        return result;
    }

    private static async Task Execute(NpgsqlConnection connection, string sql)
    {
        await using var cmd = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await cmd.ExecuteNonQueryAsync();
    }

}
