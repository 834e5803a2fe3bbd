using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using CommunityOps.Analytics;


namespace CommunityOps.Benchmarks.Analytics;

/// <summary>
/// The same definitions on DuckDB (the npm package @duckdb/node-api, installed in Analytics/duckdb):
/// the generated rows go to CSV files, a node script loads them and runs metrics.sql.
/// </summary>
internal static class DuckDbBaseline
{
    public static async Task RunAsync(HistoryGenerator generator, string dataDir, MetricsQuery query, TimeSpan ours, BaselineResults results)
    {
        var folder = Path.Combine(ProjectDirectory(), "Analytics", "duckdb");
        if (!Directory.Exists(Path.Combine(folder, "node_modules", "@duckdb", "node-api")))
        {
            var (code, output) = await RunAsync("npm", ["install", "--no-audit", "--no-fund"], folder);
            if (code != 0)
            {
                Console.WriteLine($"  baseline  DuckDB not run: `npm install @duckdb/node-api` failed: {output.Trim()}");
                return;
            }
        }
        var data = Path.Combine(dataDir, $"csv-{generator.TotalEvents}-{generator.Communities}-{generator.Seed}-v2");
        var write = Stopwatch.StartNew();
        WriteCsv(generator, data);
        write.Stop();
        var statements = Path.Combine(data, "statements.json");
        await File.WriteAllTextAsync(statements, JsonSerializer.Serialize(new
        {
            statements = MetricsSql.Load(query, MetricsSql.Dialect.DuckDb),
            checksums = BaselineResults.ChecksumSql,
            threads = Environment.ProcessorCount,
            memory = "6GB",
        }));
        var (exit, json) = await RunAsync("node", [Path.Combine(folder, "metrics.mjs"), data, statements], folder);
        if (exit != 0)
        {
            Console.WriteLine($"  baseline  DuckDB failed: {json.Trim()}");
            return;
        }
        using var doc = JsonDocument.Parse(json.Trim().Split('\n')[^1]);
        var root = doc.RootElement;
        var sql = TimeSpan.FromSeconds(root.GetProperty("sqlSeconds").GetDouble());
        Console.WriteLine($"  baseline  DuckDB {root.GetProperty("version").GetString()} ({Environment.ProcessorCount} threads): CSV written in {write.Elapsed.TotalSeconds:F1} s, loaded in {root.GetProperty("loadSeconds").GetDouble():F1} s (not timed below)");
        foreach (var t in root.GetProperty("timings").EnumerateArray().Where(t => t.GetProperty("seconds").GetDouble() > 2))
        {
            Console.WriteLine($"            {t.GetProperty("seconds").GetDouble(),7:F1} s  {t.GetProperty("name").GetString()}");
        }
        Console.WriteLine($"  baseline  DuckDB SQL, every community, 365 days {sql.TotalSeconds,8:F1} s; ours {ours.TotalMilliseconds:F0} ms: ours is {sql / ours:N1}x faster");
        results.Compare("DuckDB", root.GetProperty("checksums").EnumerateObject().ToDictionary(p => p.Name, p => (long)p.Value.GetDouble()));
    }

    private static void WriteCsv(HistoryGenerator generator, string dir)
    {
        if (File.Exists(Path.Combine(dir, "done")))
        {
            return;
        }
        Directory.CreateDirectory(dir);
        using (var communities = new StreamWriter(Path.Combine(dir, "communities.csv")))
        using (var members = new StreamWriter(Path.Combine(dir, "members.csv")))
        {
            communities.WriteLine("id,tz");
            members.WriteLine("community_id,member,is_staff");
            for (var i = 0; i < generator.Communities; i++)
            {
                var (zone, count, staff) = generator.Setup(i);
                communities.WriteLine($"{i + 1},{zone}");
                for (var m = 0; m < count; m++)
                {
                    members.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{i + 1},{m},{(m < staff ? "true" : "false")}"));
                }
            }
        }
        using (var events = new StreamWriter(Path.Combine(dir, "events.csv"), false, new UTF8Encoding(false), 1 << 20))
        {
            events.WriteLine("community_id,seq,ms,kind,member,channel,target,is_reply,inviter,link,mentions");
            var line = new StringBuilder(96);
            foreach (var r in MetricsSql.Rows(generator))
            {
                line.Clear();
                line.Append(r.Community).Append(',').Append(r.Seq).Append(',').Append(r.Ms).Append(',').Append((int)r.Kind).Append(',')
                    .Append(r.Member).Append(',').Append(r.Channel).Append(',');
                Nullable(line, r.Target).Append(',').Append(r.IsReply ? "true" : "false").Append(',');
                Nullable(line, r.Inviter).Append(',');
                Nullable(line, r.Link).Append(',').Append(r.Mentions);
                events.WriteLine(line);
            }
        }
        File.WriteAllText(Path.Combine(dir, "done"), "");
    }

    private static StringBuilder Nullable(StringBuilder line, int value) => value < 0 ? line : line.Append(value);

    private static async Task<(int Code, string Output)> RunAsync(string file, string[] args, string directory)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(file, args) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true })!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            return (process.ExitCode, process.ExitCode == 0 ? await stdout : await stderr + await stdout);
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return (-1, $"{file}: {ex.Message}");
        }
    }

    private static string ProjectDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CommunityOps.Benchmarks.csproj")))
            {
                return dir.FullName;
            }
        }
        throw new DirectoryNotFoundException("bench/CommunityOps.Benchmarks was not found above the binaries");
    }

}
