using System.Collections.Concurrent;
using System.CommandLine;
using CommunityOps.Inspection;
using CommunityOps.Inspection.RuleSets;

namespace CommunityOps.Cli.Commands;

/// <summary>The options every command that compiles a rule set shares, and the compiled default kept for the process.</summary>
internal sealed class RuleOptions
{
    public Option<string> Rules { get; } = new("--rules") { Description = CliText.Get("RulesOption"), DefaultValueFactory = _ => RuleSet.DefaultName };
    public Option<string?> Datasets { get; } = new("--datasets") { Description = CliText.Get("DatasetsOption") };

    // Compiling the default set reads ~80,000 lexicon words and three models (about a second); an
    // in-process host (tests, a future server) that runs several commands compiles it once.
    private static readonly ConcurrentDictionary<string, Lazy<Inspector>> Defaults = new(StringComparer.Ordinal);

    public void AddTo(Command command)
    {
        command.Options.Add(Rules);
        command.Options.Add(Datasets);
    }

    public Inspector Load(ParseResult parse)
    {
        var rules = parse.GetValue(Rules) ?? RuleSet.DefaultName;
        var datasets = parse.GetValue(Datasets);
        if (datasets is not null && !Directory.Exists(datasets))
        {
            throw new CommunityOpsException($"--datasets: no such folder {datasets}");
        }
        if (rules != RuleSet.DefaultName)
        {
            return Inspector.Create(RuleSet.Load(rules), datasets);
        }
        var key = datasets ?? DatasetsDirectory.TryFind() ?? "";
        var lazy = Defaults.GetOrAdd(key, _ => new Lazy<Inspector>(() => Inspector.Create(RuleSet.Default, datasets)));
        try
        {
            return lazy.Value;
        }
        catch (CommunityOpsException)
        {
            // A failed compile (no datasets folder) is not cached: the next call may have one.
            Defaults.TryRemove(key, out _);
            throw;
        }
    }
}
