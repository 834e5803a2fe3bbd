using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using CommunityOps.Ingestion;
using CommunityOps.Storage;
using Npgsql;

namespace CommunityOps.Benchmarks.Ingestion;

/// <summary>
/// Import throughput end to end (file to committed rows) into SQLite and PostgreSQL, beside the
/// ceiling: the sqlite3 shell's .import of the same rows pre-extracted as CSV into the same table
/// with the same unique key.
/// </summary>
internal static class ImportBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var messages = int.Parse(BenchCommands.Option(args, "--messages", "1000000"), CultureInfo.InvariantCulture);
        var formats = BenchCommands.Option(args, "--formats", "jsonl,telegram").Split(',');
        var postgres = BenchCommands.Option(args, "--postgres", Environment.GetEnvironmentVariable("COMMUNITYOPS_TEST_POSTGRES") ?? "");
        var targets = BenchCommands.Option(args, "--targets", "sqlite,postgres").Split(',');
        var runs = int.Parse(BenchCommands.Option(args, "--runs", "1"), CultureInfo.InvariantCulture);
        // The phase sampler queries pg_stat_activity every 20 ms from this process: a little CPU of ours
        // and of the server during the timed import. --no-phases measures without it.
        var samplePhases = !args.Contains("--no-phases");
        var dir = Path.Combine(Path.GetTempPath(), "communityops-bench-import");
        Directory.CreateDirectory(dir);
        Console.WriteLine($"import benchmark: {messages:N0} messages, {Environment.ProcessorCount} cores, .NET {Environment.Version}");

        var csv = Path.Combine(dir, "baseline.csv");
        ExportFiles.WriteBaselineCsv(csv, messages);
        var baseline = SqliteShellImport(dir, csv);
        Console.WriteLine($"  baseline  sqlite3 .import (CSV)     {baseline.TotalSeconds,7:F2} s  {messages / baseline.TotalSeconds,10:N0} rows/s");

        foreach (var format in formats)
        {
            var file = Path.Combine(dir, format == "telegram" ? "result.json" : "feed.jsonl");
            if (format == "telegram")
            {
                ExportFiles.WriteTelegram(file, messages);
            }
            else
            {
                ExportFiles.WriteJsonl(file, messages);
            }
            for (var run = 0; run < runs; run++)
            {
                if (targets.Contains("sqlite"))
                {
                    var sqlitePath = Path.Combine(dir, $"ours-{format}.db");
                    DeleteDb(sqlitePath);
                    await using var store = await Store.OpenAsync(sqlitePath);
                    var m = MeasureImport(store, file, messages);
                    Console.WriteLine($"  ours      {format,-8} -> SQLite        {m.Wall.TotalSeconds,7:F2} s  {messages / m.Wall.TotalSeconds,10:N0} msgs/s  ratio to sqlite3 .import: {m.Wall / baseline:F2}x (target <= 2)  {m.Cpu}");
                }
                if (postgres.Length > 0 && targets.Contains("postgres"))
                {
                    var cs = await FreshPostgresAsync(postgres);
                    await using var store = await Store.OpenAsync(cs);
                    await CheckpointAsync(postgres);
                    var (walBefore, segments) = await WalAsync(postgres);
                    await using var phases = samplePhases ? new PostgresPhases(postgres, "co_bench_import") : null;
                    var m = MeasureImport(store, file, messages);
                    Console.WriteLine($"  ours      {format,-8} -> PostgreSQL    {m.Wall.TotalSeconds,7:F2} s  {messages / m.Wall.TotalSeconds,10:N0} msgs/s (target >= 250,000)  {m.Cpu}");
                    Console.WriteLine($"            WAL: {((await WalAsync(postgres)).Lsn - walBefore) / 1e6:N0} MB written; {segments} segment files of {WalSegmentMb} MB ready in pg_wal before the run");
                    if (phases is not null)
                    {
                        Console.WriteLine($"            phases seen in pg_stat_activity: {await phases.ReportAsync()}");
                    }
                }
            }
            var peak = Process.GetCurrentProcess().PeakWorkingSet64;
            Console.WriteLine($"  peak working set so far: {peak / (1 << 20):N0} MiB; input file {new FileInfo(file).Length / (1 << 20):N0} MiB");
        }
        return 0;
    }

    private static (TimeSpan Wall, string Cpu) MeasureImport(Store store, string file, int messages)
    {
        ImportSummary? summary = null;
        var m = Measure(() => summary = new ImportService(store).Import([file], new ImportOptions()));
        Stored(summary!, messages);
        return m;
    }

    /// <summary>
    /// Every run must have stored the whole file into its fresh store. (An earlier version of this benchmark
    /// timed "second runs" that wrote into the first run's deleted file through a pooled connection, where
    /// every row was a duplicate; this check would have caught it.)
    /// </summary>
    private static void Stored(ImportSummary summary, int messages)
    {
        if (summary.Messages != messages || summary.Duplicates != 0)
        {
            throw new InvalidOperationException($"the import stored {summary.Messages:N0} messages and found {summary.Duplicates:N0} duplicates; expected {messages:N0} new messages in a fresh store");
        }
    }

    private static TimeSpan SqliteShellImport(string dir, string csv)
    {
        var db = Path.Combine(dir, "baseline.db");
        DeleteDb(db);
        var schema = typeof(Store).Assembly.GetManifestResourceStream("CommunityOps.Storage.Sqlite.Migrations.0001_initial.sql")!;
        // The same table and unique key, minus the id column that .import cannot fill (rowid is implicit).
        var ddl = new StreamReader(schema).ReadToEnd().Replace("    id                INTEGER PRIMARY KEY,\n", "", StringComparison.Ordinal);
        var script = Path.Combine(dir, "baseline.sql");
        // The fair ceiling: .import straight into the real table (same columns, same unique key).
        File.WriteAllText(script, $"PRAGMA journal_mode=WAL;\nPRAGMA synchronous=NORMAL;\n{ddl}\n.mode csv\n.import '{csv}' activities\n");
        var start = Stopwatch.GetTimestamp();
        using var process = Process.Start(new ProcessStartInfo("sqlite3", [db, $".read {script}"]) { RedirectStandardError = true })!;
        var err = process.StandardError.ReadToEnd();
        process.WaitForExit();
        var elapsed = Stopwatch.GetElapsedTime(start);
        if (process.ExitCode != 0 || err.Length > 0)
        {
            throw new InvalidOperationException($"sqlite3 failed: {err}");
        }
        return elapsed;
    }

    /// <summary>
    /// Wall time, and CPU time of this process, of the PostgreSQL backends serving the benchmark's
    /// database, and of every other postgres process (WAL writer and checkpointer, but also other
    /// engineers' tests on the same server), because the machine is shared and wall time alone misleads.
    /// </summary>
    private static (TimeSpan Wall, string Cpu) Measure(Action action)
    {
        var dirty = DirtyMegabytes();
        var steal = StealSeconds();
        var busy = BusySeconds();
        var (readKb, refaults) = (VmStat("pgpgin"), VmStat("workingset_refault_file"));
        var load = LoadAverage();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var (server, others, faults, serverKernel) = PostgresCpu();
        var (jitMethods, jitTime) = (JitInfo.GetCompiledMethodCount(), JitInfo.GetCompilationTime());
        var start = Stopwatch.GetTimestamp();
        action();
        var wall = Stopwatch.GetElapsedTime(start);
        cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        var (serverAfter, othersAfter, faultsAfter, serverKernelAfter) = PostgresCpu();
        var rest = BusySeconds() - busy - cpu.TotalSeconds - (serverAfter - server).TotalSeconds - (othersAfter - others).TotalSeconds;
        // The JIT's share of our CPU: a CLI import is always a process's first, where it is largest.
        var jit = $"jit {JitInfo.GetCompiledMethodCount() - jitMethods:N0} methods {(JitInfo.GetCompilationTime() - jitTime).TotalSeconds:F2} s";
        return (wall, $"cpu: ours {cpu.TotalSeconds:F2} s ({jit}), its postgres backend {(serverAfter - server).TotalSeconds:F2} s (kernel {(serverKernelAfter - serverKernel).TotalSeconds:F2} s; {faultsAfter - faults:N0} major page faults), other postgres processes {(othersAfter - others).TotalSeconds:F2} s, the rest of the machine {rest:F2} s; load {load} -> {LoadAverage()}; dirty pages before {dirty}; steal {StealSeconds() - steal:F2} s; " +
            $"read from disk {(VmStat("pgpgin") - readKb) / 1024:N0} MB, {VmStat("workingset_refault_file") - refaults:N0} page-cache refaults");
    }

    /// <summary>
    /// A counter of /proc/vmstat, 0 where there is none. pgpgin counts KB read from block devices by the
    /// whole machine; workingset_refault_file counts file pages read again soon after the kernel dropped
    /// them. Both show page cache lost while the machine was idle (this VM's kernel pages out file pages
    /// unused for a minute), which a run then reads from disk.
    /// </summary>
    private static long VmStat(string key)
    {
        if (!File.Exists("/proc/vmstat"))
        {
            return 0;
        }
        foreach (var line in File.ReadLines("/proc/vmstat"))
        {
            if (line.StartsWith(key, StringComparison.Ordinal) && line.Length > key.Length && line[key.Length] == ' ')
            {
                return long.Parse(line.AsSpan(key.Length + 1), CultureInfo.InvariantCulture);
            }
        }
        return 0;
    }

    /// <summary>
    /// Seconds of all CPUs in the given columns of /proc/stat's first line (cpu user nice system idle
    /// iowait irq softirq steal ...), 0 where there is none. Steal (8) is CPU time the hypervisor gave to
    /// others while our vCPUs wanted it: on a shared VM a run can be slow with no change in our work. Busy
    /// time (user, nice, system, irq, softirq) less our process's and PostgreSQL's is other programs and
    /// kernel threads (page reclaim, this VM's DAMON pageout).
    /// </summary>
    private static double CpuSeconds(params int[] columns)
    {
        if (!File.Exists("/proc/stat"))
        {
            return 0;
        }
        var cpu = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return columns.Where(i => i < cpu.Length).Sum(i => long.Parse(cpu[i], CultureInfo.InvariantCulture)) / 100.0;
    }

    private static double StealSeconds() => CpuSeconds(8);

    private static double BusySeconds() => CpuSeconds(1, 2, 3, 6, 7);

    /// <summary>Dirty and under-writeback page cache (/proc/meminfo), which the kernel flushes while we time.</summary>
    private static string DirtyMegabytes()
    {
        if (!File.Exists("/proc/meminfo"))
        {
            return "n/a";
        }
        long kb = 0;
        foreach (var line in File.ReadLines("/proc/meminfo"))
        {
            if (line.StartsWith("Dirty:", StringComparison.Ordinal) || line.StartsWith("Writeback:", StringComparison.Ordinal))
            {
                kb += long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
            }
        }
        return string.Create(CultureInfo.InvariantCulture, $"{kb / 1024:N0} MB");
    }

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    /// <summary>
    /// User and system time of the live backends of the benchmark's database, and of every other postgres
    /// process plus what exited backends left to the postmaster; and the live backends' major page faults.
    /// </summary>
    private static (TimeSpan Ours, TimeSpan Others, long OurMajorFaults, TimeSpan OurKernel) PostgresCpu()
    {
        long ours = 0;
        long others = 0;
        long faults = 0;
        long kernel = 0;
        foreach (var dir in Directory.Exists("/proc") ? Directory.EnumerateDirectories("/proc") : [])
        {
            if (!char.IsAsciiDigit(Path.GetFileName(dir)[0]))
            {
                continue;
            }
            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var close = stat.LastIndexOf(')');
                if (!stat.AsSpan(0, close).Contains("(postgres", StringComparison.Ordinal))
                {
                    continue;
                }
                var fields = stat[(close + 2)..].Split(' ');
                // Fields 14-17 of stat (utime, stime, cutime, cstime) are 11-14 after the command.
                var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)
                    + long.Parse(fields[13], CultureInfo.InvariantCulture) + long.Parse(fields[14], CultureInfo.InvariantCulture);
                // A backend's title names its database: "postgres: 15/main: postgres co_bench_import 127.0.0.1(...) idle".
                if (File.ReadAllText(Path.Combine(dir, "cmdline")).Contains(" co_bench_import ", StringComparison.Ordinal))
                {
                    ours += ticks;
                    // stime: the kernel's share, such as allocating blocks and page cache for the files it extends.
                    kernel += long.Parse(fields[12], CultureInfo.InvariantCulture) + long.Parse(fields[14], CultureInfo.InvariantCulture);
                    // Field 12 (majflt): pages the backend had to read back from disk, such as its own code
                    // after the kernel reclaimed it from an idle machine's page cache.
                    faults += long.Parse(fields[9], CultureInfo.InvariantCulture);
                }
                else
                {
                    others += ticks;
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // The process ended while we looked.
            }
        }
        return (TimeSpan.FromSeconds(ours / 100.0), TimeSpan.FromSeconds(others / 100.0), faults, TimeSpan.FromSeconds(kernel / 100.0));
    }

    private static void DeleteDb(string path)
    {
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(path + suffix);
        }
    }

    private const int WalSegmentMb = 16;

    /// <summary>
    /// The WAL insert position, and how many segment files pg_wal holds ("?" without superuser or
    /// pg_monitor). A server that has been idle keeps few: the first import after it creates the files
    /// for its ~240 MB of WAL as it writes them, where later runs reuse the files the checkpoint recycled.
    /// On this host that cost the backend up to 1 s more CPU per 1M rows (docs/benchmarks.md, Import).
    /// </summary>
    private static async Task<(long Lsn, string Segments)> WalAsync(string server)
    {
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync();
        long lsn;
        await using (var position = new NpgsqlCommand("SELECT pg_current_wal_insert_lsn() - '0/0'::pg_lsn", connection))
        {
            lsn = (long)(decimal)(await position.ExecuteScalarAsync())!;
        }
        try
        {
            await using var files = new NpgsqlCommand("SELECT count(*) FROM pg_ls_waldir() WHERE name ~ '^[0-9A-F]{24}$'", connection);
            return (lsn, ((long)(await files.ExecuteScalarAsync())!).ToString(CultureInfo.InvariantCulture));
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.InsufficientPrivilege)
        {
            return (lsn, "?");
        }
    }

    /// <summary>
    /// Starts each PostgreSQL run from a checkpoint, outside the timing. Each import writes about 270 MB
    /// of WAL and the server checkpoints every 1 GB (max_wal_size), so without this every third or
    /// fourth run paid for the checkpoint of the runs before it: full-page images of the index pages it
    /// touched, and the checkpointer's writes. Needs superuser or pg_checkpoint; without, it says so.
    /// </summary>
    private static async Task CheckpointAsync(string server)
    {
        try
        {
            await using var admin = new NpgsqlConnection(server);
            await admin.OpenAsync();
            await using var checkpoint = new NpgsqlCommand("CHECKPOINT", admin);
            await checkpoint.ExecuteNonQueryAsync();
        }
        catch (PostgresException ex)
        {
            Console.WriteLine($"            (no CHECKPOINT before the run: {ex.MessageText})");
        }
    }

    private static async Task<string> FreshPostgresAsync(string server)
    {
        await using var admin = new NpgsqlConnection(server);
        await admin.OpenAsync();
        await using (var drop = new NpgsqlCommand("DROP DATABASE IF EXISTS co_bench_import WITH (FORCE)", admin))
        {
            await drop.ExecuteNonQueryAsync();
        }
        await using (var create = new NpgsqlCommand("CREATE DATABASE co_bench_import", admin))
        {
            await create.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(server) { Database = "co_bench_import" }.ConnectionString;
    }
}
