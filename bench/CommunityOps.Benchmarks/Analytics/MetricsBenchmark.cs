using System.Diagnostics;
using System.Globalization;
using CommunityOps.Analytics;

namespace CommunityOps.Benchmarks.Analytics;

/// <summary>
/// The metrics engine over generated histories (default 20 million events), beside the same
/// definitions as SQL on PostgreSQL and on DuckDB over the same rows. Prints build speed, resident
/// bytes per event, the time for every community over 365 days and for one community, incremental
/// appends, snapshot save/load, and the ratios. Usage in docs/benchmarks.md.
/// </summary>
internal static class MetricsBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var events = long.Parse(BenchCommands.Option(args, "--events", "20000000"), CultureInfo.InvariantCulture);
        var communities = int.Parse(BenchCommands.Option(args, "--communities", Math.Max(10, events / 20_000).ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);
        var seed = int.Parse(BenchCommands.Option(args, "--seed", "1"), CultureInfo.InvariantCulture);
        var baselines = BenchCommands.Option(args, "--baselines", "postgres,duckdb").Split(',', StringSplitOptions.RemoveEmptyEntries);
        var postgres = BenchCommands.Option(args, "--postgres", Environment.GetEnvironmentVariable("COMMUNITYOPS_TEST_POSTGRES") ?? "Host=127.0.0.1;Username=postgres;Password=postgres");
        var dataDir = BenchCommands.Option(args, "--data", Path.Combine(Path.GetTempPath(), "communityops-bench-metrics"));
        var generator = new HistoryGenerator(events, communities, seed);
        Console.WriteLine($"metrics benchmark: {generator.TotalEvents:N0} events in {communities:N0} communities (one year each), seed {seed}");
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1L << 30)} GiB, .NET {Environment.Version}, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}");

        Console.WriteLine($"load average at start: {LoadAverage()}");
        var (states, build) = Build(generator);
        var resident = Resident(states, generator.TotalEvents);
        Console.WriteLine($"  build     generate + fold           {build.TotalSeconds,8:F2} s  {generator.TotalEvents / build.TotalSeconds,12:N0} events/s (2 threads; generation included)");
        Console.WriteLine($"  memory    resident state            {resident.Bytes / (double)(1 << 20),8:N0} MiB  {resident.PerEvent,6:F1} bytes/event (GC heap after build; target <= 40)");
        Console.WriteLine($"            of which {Breakdown(states, generator.TotalEvents)}");

        var query = new MetricsQuery(new DateOnly(2025, 1, 1), new DateOnly(2025, 12, 31));
        var options = new AnalyticsOptions();
        var today = new DateOnly(2026, 1, 1);
        WorkspaceReport? report = null;
        var runs = int.Parse(BenchCommands.Option(args, "--runs", "5"), CultureInfo.InvariantCulture);
        var (pause, gen0, gen1, gen2, allocated) = (GC.GetTotalPauseDuration(), GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalAllocatedBytes());
        var all = Repeat(runs, () => report = MetricsComputation.Workspace("bench", states, query, options, today));
        Console.WriteLine($"  query     every community, 365 days {all.Median.TotalMilliseconds,8:F0} ms (median of {runs}, min {all.Min.TotalMilliseconds:F0} ms, {all.Cpu.TotalMilliseconds:F0} ms CPU a run; target < 2,000 ms)");
        Console.WriteLine($"            per run: {(GC.GetTotalAllocatedBytes() - allocated) / runs / (1 << 20):N0} MiB allocated, GC pauses {(GC.GetTotalPauseDuration() - pause).TotalMilliseconds / runs:F0} ms " +
            $"({GC.CollectionCount(0) - gen0}/{GC.CollectionCount(1) - gen1}/{GC.CollectionCount(2) - gen2} gen0/1/2 collections in {runs} runs)");
        var json = Stopwatch.StartNew();
        using (var sink = Stream.Null)
        {
            await MetricsJson.WriteAsync(sink, report!);
        }
        Console.WriteLine($"            ...and its JSON             {json.Elapsed.TotalMilliseconds,8:F0} ms (all {states.Count:N0} reports serialized)");

        var largest = states.MaxBy(s => s.EventCount)!;
        var median = states.OrderBy(s => s.EventCount).ElementAt(states.Count / 2);
        foreach (var (label, state) in new[] { ("largest", largest), ("median", median) })
        {
            var one = Repeat(21, () => MetricsJson.Serialize(MetricsComputation.Community(state, query, options, today)));
            Console.WriteLine($"  query     one community ({label,-7})   {one.Median.TotalMilliseconds,8:F2} ms (median of 21, min {one.Min.TotalMilliseconds:F2} ms; {state.EventCount:N0} events; JSON included; target < 20 ms)");
        }

        Incremental(generator, options, query, today);
        Snapshots(states, dataDir);

        Console.WriteLine($"load average after our part: {LoadAverage()}");
        var results = new BaselineResults(report!);
        // The baselines run in their own processes and memory; ours is released first.
        states.Clear();
        report = null;
        GC.Collect();
        if (baselines.Contains("postgres"))
        {
            await PostgresBaseline.RunAsync(generator, postgres, query, all.Median, results);
        }
        if (baselines.Contains("duckdb"))
        {
            await DuckDbBaseline.RunAsync(generator, dataDir, query, all.Median, results);
        }
        return 0;
    }

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private static (List<CommunityState> States, TimeSpan Elapsed) Build(HistoryGenerator generator)
    {
        var states = new CommunityState[generator.Communities];
        var start = Stopwatch.GetTimestamp();
        Parallel.For(0, generator.Communities, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
            i => states[i] = HistoryGenerator.Fold(generator.Generate(i)));
        return ([.. states], Stopwatch.GetElapsedTime(start));
    }

    private static (long Bytes, double PerEvent) Resident(List<CommunityState> states, long events)
    {
        // The states are the only large objects alive here: the heap after a full collection is the state.
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        var bytes = GC.GetTotalMemory(forceFullCollection: true);
        GC.KeepAlive(states);
        return (bytes, bytes / (double)events);
    }

    private static string Breakdown(List<CommunityState> states, long events)
    {
        string Part(string name, Func<CommunityState, long> bytes) => $"{name} {states.Sum(bytes) / (double)events:F1}";
        return string.Join(", ", Part("messages", s => s.Messages.AllocatedBytes), Part("member-days", s => s.MemberDays.AllocatedBytes),
            Part("days", s => s.Days.AllocatedBytes), Part("periods", s => s.Periods.AllocatedBytes), Part("moves", s => s.Moves.AllocatedBytes),
            Part("members", s => s.Members.AllocatedBytes), Part("cohorts", s => s.Weekly.AllocatedBytes + s.Monthly.AllocatedBytes)) + " bytes/event";
    }

    /// <summary>Wall time (median, min) and process CPU time per run: the machine is shared, and CPU time is the steadier figure.</summary>
    internal static (TimeSpan Median, TimeSpan Min, TimeSpan Cpu) Repeat(int times, Action action)
    {
        var runs = new List<TimeSpan>();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        for (var i = 0; i < times; i++)
        {
            var start = Stopwatch.GetTimestamp();
            action();
            runs.Add(Stopwatch.GetElapsedTime(start));
        }
        var perRun = (Process.GetCurrentProcess().TotalProcessorTime - cpu) / times;
        runs.Sort();
        return (runs[runs.Count / 2], runs[0], perRun);
    }

    /// <summary>The last 30 days folded onto the first 335: what a refresh does with new events, per event.</summary>
    private static void Incremental(HistoryGenerator generator, AnalyticsOptions options, MetricsQuery query, DateOnly today)
    {
        var cut = HistoryGenerator.YearStartMs + (335L * 86_400_000);
        long appended = 0;
        var elapsed = TimeSpan.Zero;
        var equal = true;
        for (var i = 0; i < Math.Min(200, generator.Communities); i++)
        {
            var g = generator.Generate(i);
            var split = Array.FindIndex(g.Events, e => e.Ms >= cut);
            if (split <= 0)
            {
                continue;
            }
            var head = g with { Events = g.Events[..split] };
            var state = HistoryGenerator.Fold(head);
            var tail = g.Events.AsSpan(split);
            var start = Stopwatch.GetTimestamp();
            state.Fold(tail);
            elapsed += Stopwatch.GetElapsedTime(start);
            appended += tail.Length;
            var full = HistoryGenerator.Fold(g);
            equal &= MetricsJson.Serialize(MetricsComputation.Community(state, query, options, today)) == MetricsJson.Serialize(MetricsComputation.Community(full, query, options, today));
        }
        Console.WriteLine($"  refresh   append 30 days to 335      {elapsed.TotalMilliseconds,8:F1} ms for {appended:N0} events ({appended / elapsed.TotalSeconds:N0} events/s); same figures as a full fold: {(equal ? "yes" : "NO")}");
    }

    private static void Snapshots(List<CommunityState> states, string dir)
    {
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, "state.snapshot");
        var write = Stopwatch.StartNew();
        using (var file = new BufferedStream(File.Create(path), 1 << 20))
        {
            foreach (var state in states)
            {
                StateSnapshot.Write(file, state);
            }
        }
        write.Stop();
        var size = new FileInfo(path).Length;
        var read = Stopwatch.StartNew();
        var loaded = 0;
        using (var file = new BufferedStream(File.OpenRead(path), 1 << 20))
        {
            while (file.Position < size && StateSnapshot.Read(file) is not null)
            {
                loaded++;
            }
        }
        read.Stop();
        File.Delete(path);
        Console.WriteLine($"  snapshot  save {write.Elapsed.TotalSeconds:F2} s, load {read.Elapsed.TotalSeconds:F2} s, {size / (double)(1 << 20):N0} MiB for {loaded:N0} communities (restart without the raw log)");
    }
}
