using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using CommunityOps.Inspection;
using CommunityOps.Inspection.RuleSets;
using CommunityOps.Storage;
using Microsoft.Extensions.Options;

namespace CommunityOps.Web.Inspection;

public sealed class InspectionOptions
{
    public const string Section = "Inspection";

    /// <summary>Whether this host inspects what is imported (off for a read-only replica, or tests that want a quiet store).</summary>
    public bool RunInBackground { get; set; } = true;

    /// <summary>How often the host looks for activities imported elsewhere (the CLI, another instance).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan PollEvery { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The shared datasets folder the default rule set's lexicons come from; found automatically when empty.</summary>
    public string? Datasets { get; set; }
}

public static class InspectionServices
{
    public static IServiceCollection AddCommunityOpsInspection(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<InspectionOptions>().Bind(configuration.GetSection(InspectionOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<Inspectors>();
        services.AddSingleton<InspectionPasses>();
        services.AddHostedService(sp => sp.GetRequiredService<InspectionPasses>());
        return services;
    }
}

/// <summary>
/// Compiled rule sets per workspace and version. Compiling the default set reads ~80,000 lexicon words
/// and three models (about a second), so each version is compiled once and shared by passes and re-scans.
/// </summary>
public sealed class Inspectors(Store store, IOptions<InspectionOptions> options)
{
    private readonly ConcurrentDictionary<(long Workspace, int Version), Lazy<Inspector>> _compiled = new();

    public string? Datasets => string.IsNullOrWhiteSpace(options.Value.Datasets) ? null : options.Value.Datasets;

    public async Task<Inspector> ForAsync(long workspaceId, CancellationToken ct = default)
    {
        var current = await new WorkspaceRuleSets(store).CurrentAsync(workspaceId, ct);
        // The default set compiles to the same inspector for every workspace.
        var key = current.IsDefault ? (0, 0) : (workspaceId, current.Version);
        var lazy = _compiled.GetOrAdd(key, _ => new Lazy<Inspector>(() => Inspector.Create(current.Parse(), Datasets)));
        try
        {
            return lazy.Value;
        }
        catch (CommunityOpsException)
        {
            // Not cached: a datasets folder may appear later.
            _compiled.TryRemove(key, out _);
            throw;
        }
    }
}
