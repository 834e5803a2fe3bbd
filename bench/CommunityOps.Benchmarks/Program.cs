using CommunityOps.Benchmarks.Ingestion;

// One entry per harness; add yours as a line here and keep its code in its own folder.
var harnesses = new Dictionary<string, (string Description, Func<string[], int> Run)>(StringComparer.OrdinalIgnoreCase)
{
    ["telegram-import"] = ("Telegram JSON into SQLite end to end beside read-only and parse-only floors; peak memory", TelegramImportBenchmark.Run),
};

if (args.Length == 0 || !harnesses.TryGetValue(args[0], out var harness))
{
    Console.WriteLine("usage: dotnet run -c Release --project bench/CommunityOps.Benchmarks -- <harness> [options]");
    foreach (var (name, (description, _)) in harnesses)
    {
        Console.WriteLine($"  {name,-16} {description}");
    }

    return args.Length == 0 ? 0 : 2;
}

return harness.Run(args[1..]);
