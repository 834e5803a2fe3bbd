using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace CommunityOps.Benchmarks.Ingestion;

/// <summary>
/// Samples pg_stat_activity every 20 ms during an import and reports when the import's backend was in
/// each kind of statement (COPY, index builds, merges, ...), so that the wall time can be split into
/// phases without instrumenting the import itself.
/// </summary>
internal sealed class PostgresPhases : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampler;
    private readonly long _start = Stopwatch.GetTimestamp();
    private readonly Dictionary<string, (double First, double Last, int Samples)> _seen = [];
    // What the backend was waiting on when sampled (an I/O wait, a lock, the WAL), per phase; a sample
    // without a wait event was on the CPU or between two of them.
    private readonly Dictionary<string, int> _waits = [];
    private int _samples;

    public PostgresPhases(string connectionString, string database)
    {
        _sampler = Task.Run(() => SampleAsync(connectionString, database, _stop.Token));
    }

    private async Task SampleAsync(string connectionString, string database, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var cmd = new NpgsqlCommand(
            "SELECT left(query, 40), wait_event_type, wait_event FROM pg_stat_activity WHERE datname = @d AND state = 'active' AND pid <> pg_backend_pid()", connection);
        cmd.Parameters.AddWithValue("d", database);
        while (!ct.IsCancellationRequested)
        {
            await using (var reader = await cmd.ExecuteReaderAsync(ct))
            {
                while (await reader.ReadAsync(ct))
                {
                    var phase = Phase(reader.GetString(0));
                    var at = Stopwatch.GetElapsedTime(_start).TotalSeconds;
                    _seen[phase] = _seen.TryGetValue(phase, out var s) ? (s.First, at, s.Samples + 1) : (at, at, 1);
                    _samples++;
                    if (!reader.IsDBNull(2))
                    {
                        var wait = $"{phase}: {reader.GetString(1)}/{reader.GetString(2)}";
                        _waits[wait] = _waits.GetValueOrDefault(wait) + 1;
                    }
                }
            }
            await Task.Delay(20, ct);
        }
    }

    private static string Phase(string query) =>
        query.StartsWith("COPY activities", StringComparison.Ordinal) ? "copy into activities"
        : query.StartsWith("COPY stage", StringComparison.Ordinal) ? "copy into stage"
        : query.StartsWith("ALTER TABLE activities ADD", StringComparison.Ordinal) ? "build primary key"
        : query.StartsWith("ALTER TABLE", StringComparison.Ordinal) && query.Contains(" ADD ", StringComparison.Ordinal) ? "foreign keys"
        : query.StartsWith("CREATE UNIQUE INDEX", StringComparison.Ordinal) ? "build unique key"
        : query.StartsWith("CREATE INDEX", StringComparison.Ordinal) ? "build member index"
        : query.StartsWith("COMMIT", StringComparison.Ordinal) ? "commit"
        : query.Contains("INSERT INTO activities", StringComparison.Ordinal) ? "merge"
        : query.StartsWith("autovacuum:", StringComparison.Ordinal) ? "autovacuum"
        : query.StartsWith("COPY members", StringComparison.Ordinal) || query.Contains("INTO members", StringComparison.Ordinal) ? "members"
        : "other: " + query.Split(' ', 3)[0];

    public async Task<string> ReportAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _sampler;
        }
        catch (OperationCanceledException)
        {
        }
        var phases = string.Join(", ", _seen.OrderBy(p => p.Value.First).Select(p =>
            string.Create(CultureInfo.InvariantCulture, $"{p.Key} {p.Value.First:F2}-{p.Value.Last:F2} s")));
        var waits = string.Join(", ", _waits.OrderByDescending(w => w.Value).Select(w =>
            string.Create(CultureInfo.InvariantCulture, $"{w.Key} {w.Value}")));
        return string.Create(CultureInfo.InvariantCulture,
            $"{phases}\n            waits in {_samples} samples: {(waits.Length == 0 ? "none" : waits)}");
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _stop.Dispose();
    }
}
