using System.Collections.Concurrent;
using System.CommandLine;
using CommunityOps.Inspection;
using CommunityOps.Inspection.RuleSets;
using CommunityOps.Storage;
using Microsoft.EntityFrameworkCore;

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

    /// <summary>
    /// For runs over the store: the rule set given with --rules, else the workspace's own (edited in the
    /// dashboard), else the default. Null <paramref name="workspaceId"/> (no such workspace yet) means the default.
    /// </summary>
    public async Task<Inspector> LoadForAsync(ParseResult parse, Store store, long? workspaceId, CancellationToken ct)
    {
        if (parse.GetResult(Rules) is { Implicit: false } || workspaceId is null)
        {
            return Load(parse);
        }
        var current = await new WorkspaceRuleSets(store).CurrentAsync(workspaceId.Value, ct);
        if (current.IsDefault)
        {
            return Load(parse);
        }
        var key = $"{store.Provider}:{workspaceId}:{current.Version}:{current.Json.GetHashCode(StringComparison.Ordinal)}";
        return Defaults.GetOrAdd(key, _ => new Lazy<Inspector>(() => Inspector.Create(current.Parse(), parse.GetValue(Datasets)))).Value;
    }

    public static async Task<long?> WorkspaceIdAsync(Store store, string? workspace, CancellationToken ct)
    {
        await using var db = store.CreateDbContext();
        return await db.Workspaces.Where(w => w.Name == workspace).Select(w => (long?)w.Id).SingleOrDefaultAsync(ct);
    }

    public Inspector Load(ParseResult parse)
    {
        var rules = parse.GetValue(Rules) ?? RuleSet.DefaultName;
        var datasets = parse.GetValue(Datasets);
        if (datasets is not null && !Directory.Exists(datasets))
        {
            throw new CommunityOpsException(CliText.Error("NoSuchDatasetsFolder", datasets));
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
