using CommunityOps.Benchmarks.Inspection;

// One entry per harness; add yours as a line here and keep its code in its own folder.
var harnesses = new Dictionary<string, (string Description, Func<string[], int> Run)>(StringComparer.OrdinalIgnoreCase)
{
    ["matcher"] = ("keyword matcher vs a SearchValues<string> loop, 5,000 and 65,000 words", MatcherBenchmark.Run),
    ["ruleset"] = ("the whole default inspection rule set, messages per second on one core", RuleSetBenchmark.Run),
};

if (args.Length == 0 || !harnesses.TryGetValue(args[0], out var harness))
{
    Console.WriteLine("usage: dotnet run -c Release --project bench/CommunityOps.Benchmarks -- <harness> [options]");
    foreach (var (name, (description, _)) in harnesses)
    {
        Console.WriteLine($"  {name,-10} {description}");
    }

    return args.Length == 0 ? 0 : 2;
}

return harness.Run(args[1..]);
