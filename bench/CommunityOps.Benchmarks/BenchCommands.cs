using CommunityOps.Benchmarks.Analytics;
using CommunityOps.Benchmarks.Ingestion;
using Inspection = CommunityOps.Benchmarks.Inspection;

namespace CommunityOps.Benchmarks;

internal static class BenchCommands
{
    private static readonly Dictionary<string, (string Help, Func<string[], Task<int>> Run)> Commands = new()
    {
        ["import"] = ("import speed into SQLite and PostgreSQL vs the sqlite3 shell's .import", ImportBenchmark.RunAsync),
        ["matcher"] = ("keyword matching: our automaton vs a SearchValues<string> loop, 5k and 65k lexicons", a => Task.FromResult(Inspection.MatcherBenchmark.Run(a))),
        ["ruleset"] = ("the whole default inspection rule set, messages per second on one core", a => Task.FromResult(Inspection.RuleSetBenchmark.Run(a))),
        ["telegram-import"] = ("Telegram JSON into SQLite beside read-only and parse-only floors; peak memory", a => Task.FromResult(TelegramImportBenchmark.Run(a))),
        ["metrics"] = ("the metrics engine over generated histories vs the same SQL on PostgreSQL and DuckDB", MetricsBenchmark.RunAsync),
    };

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length == 0 || !Commands.TryGetValue(args[0], out var command))
        {
            Console.WriteLine("usage: dotnet run -c Release --project bench/CommunityOps.Benchmarks -- <benchmark> [options]");
            foreach (var (name, (help, _)) in Commands)
            {
                Console.WriteLine($"  {name,-12} {help}");
            }
            return args.Length == 0 ? 0 : 2;
        }
        return await command.Run(args[1..]);
    }

    public static string Option(string[] args, string name, string fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
    }
}
