using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using CommunityOps.Accounts;
using CommunityOps.Ingestion.Demo;
using CommunityOps.Storage;
using Microsoft.EntityFrameworkCore;

namespace CommunityOps.Benchmarks.Web;

/// <summary>
/// The community page's API calls under concurrent clients, against `CommunityOps.Web` started as its
/// own process (as `serve` runs) on loopback. The baseline, in the same run and under the same load,
/// is GET /healthz: what the host, the network stack and this load generator cost by themselves.
/// </summary>
internal static class WebBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var db = BenchCommands.Option(args, "--db", Path.Combine(Path.GetTempPath(), "communityops-bench-web", "web.db"));
        var clients = int.Parse(BenchCommands.Option(args, "--clients", "50"), CultureInfo.InvariantCulture);
        var seconds = int.Parse(BenchCommands.Option(args, "--seconds", "20"), CultureInfo.InvariantCulture);
        var target = long.Parse(BenchCommands.Option(args, "--events", "20000000"), CultureInfo.InvariantCulture);
        var server = BenchCommands.Option(args, "--server", FindServer());

        await using (var store = await Store.OpenAsync(db))
        {
            await PrepareAsync(store, target);
        }
        var (key, community, events, listKey, listWorkspace) = await ChooseAsync(db);
        Console.WriteLine($"web benchmark: {events:N0} events in the store; {clients} clients for {seconds} s each; {Environment.ProcessorCount} cores, .NET {Environment.Version}");
        Console.WriteLine($"  community page under test: #{community.Id} '{community.Name}' with {community.Events:N0} events");

        var port = FreePort();
        using var host = StartServer(server, db, port);
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = clients, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
        {
            BaseAddress = new Uri($"http://127.0.0.1:{port}"),
        };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        var starting = Stopwatch.StartNew();
        await WaitUntilUpAsync(http);
        Console.WriteLine($"  server up after {starting.Elapsed.TotalSeconds:F1} s (opens the store and the metrics engine's state)");

        var page = new[]
        {
            $"/api/communities/{community.Id}",
            $"/api/communities/{community.Id}/metrics",
            $"/api/communities/{community.Id}/members?limit=50",
        };
        // The communities table of the biggest workspace: the first request counts every community's
        // log, later ones read the kept counts (and, after an import, only what it added).
        foreach (var label in new[] { "first (counts the log)", "second (kept counts)" })
        {
            var started = Stopwatch.GetTimestamp();
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/communities");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", listKey);
            using var list = await http.SendAsync(request);
            Console.WriteLine($"  GET /api/communities of {listWorkspace}, {label}: {Stopwatch.GetElapsedTime(started).TotalMilliseconds:N0} ms ({(int)list.StatusCode})");
        }
        // Warm-up: JIT, connection pool, and the first (uncached) totals.
        await LoadAsync(http, ["/healthz", .. page], clients, 3);

        var cpu = host.TotalProcessorTime;
        var baseline = await LoadAsync(http, ["/healthz"], clients, seconds);
        host.Refresh();
        Report("baseline GET /healthz", baseline, host.TotalProcessorTime - cpu);
        cpu = host.TotalProcessorTime;
        var ours = await LoadAsync(http, page, clients, seconds);
        host.Refresh();
        Report("community page API (all calls)", ours, host.TotalProcessorTime - cpu);
        foreach (var url in page)
        {
            Report($"  {url}", ours.Where(r => r.Url == url).ToList());
        }
        var p95 = Percentile(ours, 0.95);
        Console.WriteLine($"  p95 {p95:F1} ms, target < 100 ms: {(p95 < 100 ? "met" : "NOT met")}; ratio of p95 to the baseline's: {p95 / Percentile(baseline, 0.95):F1}x");
        var overview = await BrowserTimings.RunAsync(http.BaseAddress!, community.Id);
        host.Kill(entireProcessTree: true);
        return p95 < 100 && overview < 1000 ? 0 : 1;
    }

    /// <summary>
    /// Tops the store up to <paramref name="target"/> events with demo workspaces: batches of 400
    /// communities over a year (about 6.5 million events each), and once four communities over ten years
    /// (the long histories, about 175,000 events each). Each batch is its own workspace and seed.
    /// </summary>
    private static async Task PrepareAsync(Store store, long target)
    {
        var time = TimeProvider.System;
        for (var batch = 0; ; batch++)
        {
            long events;
            await using (var db = store.CreateDbContext())
            {
                events = await db.Activities.LongCountAsync();
            }
            if (events >= target)
            {
                return;
            }
            var started = Stopwatch.StartNew();
            var workspace = $"bench-{batch}";
            await using (var db = store.CreateDbContext())
            {
                if (await db.Workspaces.AnyAsync(w => w.Name == workspace))
                {
                    continue;
                }
            }
            Console.WriteLine($"  preparing: {events:N0} events so far; adding workspace {workspace}");
            new DemoGenerator(time).Create(store, batch == 0
                ? new DemoOptions(Communities: 4, Days: 3650, Seed: 7, Workspace: workspace)
                : new DemoOptions(Communities: 400, Days: 365, Seed: 1000 + batch, Workspace: workspace));
            Console.WriteLine($"    took {started.Elapsed.TotalMinutes:F1} min");
        }
    }

    private sealed record Choice(long Id, string Name, long Events);

    private static async Task<(string Key, Choice Community, long Events, string ListKey, string ListWorkspace)> ChooseAsync(string dbPath)
    {
        await using var store = await Store.OpenAsync(dbPath);
        await using var db = store.CreateDbContext();
        var events = await db.Activities.LongCountAsync();
        // The community with the longest history: the most expensive page to serve.
        var biggest = await db.Activities.GroupBy(a => a.CommunityId).Select(g => new { g.Key, Count = g.LongCount() })
            .OrderByDescending(x => x.Count).FirstAsync();
        var community = await db.Communities.SingleAsync(c => c.Id == biggest.Key);
        var workspace = await db.Workspaces.Where(w => w.Id == community.WorkspaceId).Select(w => w.Name).SingleAsync();
        var key = (await new ApiKeyService(store).CreateAsync(workspace, Role.Operator, "bench")).Secret;
        var largest = await db.Communities.GroupBy(c => c.WorkspaceId).Select(g => new { g.Key, Count = g.Count() }).OrderByDescending(x => x.Count).FirstAsync();
        var largestName = await db.Workspaces.Where(w => w.Id == largest.Key).Select(w => w.Name).SingleAsync();
        var listKey = (await new ApiKeyService(store).CreateAsync(largestName, Role.Viewer, "bench list")).Secret;
        return (key, new Choice(community.Id, community.Name, biggest.Count), events, listKey, $"'{largestName}' ({largest.Count} communities)");
    }

    private sealed record Sample(string Url, double Ms, bool Ok);

    private static async Task<List<Sample>> LoadAsync(HttpClient http, string[] urls, int clients, int seconds)
    {
        var until = Stopwatch.GetTimestamp() + (seconds * Stopwatch.Frequency);
        var all = new List<Sample>[clients];
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async c =>
        {
            var mine = all[c] = [];
            for (var i = c; Stopwatch.GetTimestamp() < until; i++)
            {
                var url = urls[i % urls.Length];
                var start = Stopwatch.GetTimestamp();
                using var response = await http.GetAsync(url, HttpCompletionOption.ResponseContentRead);
                mine.Add(new Sample(url, Stopwatch.GetElapsedTime(start).TotalMilliseconds, response.IsSuccessStatusCode));
            }
        }));
        return all.SelectMany(x => x).ToList();
    }

    /// <summary>Latencies as clients saw them, and (when given) the server's own CPU time per request, which contention on a shared machine does not inflate.</summary>
    private static void Report(string what, List<Sample> samples, TimeSpan? serverCpu = null)
    {
        var failed = samples.Count(s => !s.Ok);
        var cpu = serverCpu is { } c ? $"  server CPU {c.TotalMilliseconds / samples.Count:F2} ms/request" : "";
        Console.WriteLine($"  {what,-52} n={samples.Count,7:N0}  p50 {Percentile(samples, 0.5),6:F1} ms  p95 {Percentile(samples, 0.95),6:F1} ms  p99 {Percentile(samples, 0.99),6:F1} ms  max {samples.Max(s => s.Ms),7:F1} ms{cpu}{(failed > 0 ? $"  FAILED {failed}" : "")}");
    }

    private static double Percentile(List<Sample> samples, double p)
    {
        var sorted = samples.Select(s => s.Ms).Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
    }

    private static Process StartServer(string server, string db, int port)
    {
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { server, "--db", db, "--urls", $"http://127.0.0.1:{port}", "--Logging:LogLevel:Default=Warning" })
        {
            start.ArgumentList.Add(a);
        }
        start.Environment["COMMUNITYOPS_ADMIN_PASSWORD"] = "benchmark-admin-password";
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { Console.Error.WriteLine($"  server: {e.Data}"); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>The first start over a big store folds the whole log into the metrics engine (minutes); later starts read its snapshots.</summary>
    private static async Task WaitUntilUpAsync(HttpClient http)
    {
        var started = Stopwatch.StartNew();
        for (var i = 0; i < 36_000; i++)
        {
            try
            {
                if ((await http.GetAsync("/healthz")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            await Task.Delay(100);
        }
        throw new InvalidOperationException($"the web host did not start within {started.Elapsed.TotalMinutes:F0} minutes");
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string FindServer()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "src", "CommunityOps.Web", "bin", "Release", "net10.0", "CommunityOps.Web.dll");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new FileNotFoundException("build the host first: dotnet build -c Release src/CommunityOps.Web");
    }

}
