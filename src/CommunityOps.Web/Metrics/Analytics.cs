using System.ComponentModel.DataAnnotations;
using CommunityOps.Analytics;
using Microsoft.Extensions.Options;

namespace CommunityOps.Web.Metrics;

/// <summary>
/// The analytics engine inside the web host: one <see cref="AnalyticsStore"/> (opened at start, kept
/// in memory) and its <see cref="MetricsEngine"/>. New imports reach it through <see cref="AnalyticsRefresher"/>.
/// </summary>
public static class Analytics
{
    public const string Section = "Analytics";

    public static IServiceCollection AddCommunityOpsAnalytics(this IServiceCollection services, IConfiguration configuration, AnalyticsStore analytics)
    {
        services.AddOptions<AnalyticsOptions>().Bind(configuration.GetSection(Section))
            .Validate(o =>
            {
                o.Layers.Validate();
                foreach (var thresholds in o.Workspaces.Values)
                {
                    thresholds.Validate();
                }
                return o.TopCount is > 0 and <= 1000;
            }, "Analytics: TopCount must be between 1 and 1000")
            .ValidateOnStart();
        services.AddOptions<RefreshOptions>().Bind(configuration.GetSection(RefreshOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        // A factory registration, so that the container disposes it on shutdown.
        services.AddSingleton(_ => analytics);
        services.AddSingleton(sp => new MetricsEngine(sp.GetRequiredService<AnalyticsStore>(), sp.GetRequiredService<IOptions<AnalyticsOptions>>().Value));
        services.AddSingleton<AnalyticsRefresher>();
        services.AddSingleton<MetricsCache>();
        services.AddHostedService(sp => sp.GetRequiredService<AnalyticsRefresher>());
        return services;
    }

    public sealed class RefreshOptions
    {
        public const string Section = "Web:Analytics";

        /// <summary>How often the engine looks for activities imported elsewhere (the CLI, another instance).</summary>
        [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
        public TimeSpan RefreshEvery { get; set; } = TimeSpan.FromSeconds(10);
    }
}

/// <summary>
/// Folds new activities into the engine: right after an import through this host, and every
/// <see cref="Analytics.RefreshOptions.RefreshEvery"/> for imports made elsewhere. Requests never wait
/// for a refresh; they read the last folded state.
/// </summary>
public sealed class AnalyticsRefresher(AnalyticsStore analytics, IOptions<Analytics.RefreshOptions> options, ILogger<AnalyticsRefresher> log) : BackgroundService
{
    private readonly SemaphoreSlim _poke = new(0, 1);

    /// <summary>Asks for a refresh now (an import just finished).</summary>
    public void Poke()
    {
        if (_poke.CurrentCount == 0)
        {
            try
            {
                _poke.Release();
            }
            catch (SemaphoreFullException)
            {
                // Already poked.
            }
        }
    }

    private long _generation;

    /// <summary>Moves whenever a refresh changed the engine's state: what <see cref="MetricsCache"/> keys its answers on.</summary>
    public long Generation => Interlocked.Read(ref _generation);

    /// <summary>Refreshes and waits for it; for a request that must see an import it was told about.</summary>
    public async Task RefreshNowAsync(CancellationToken ct) => Count(await analytics.RefreshAsync(ct));

    private void Count(RefreshResult result)
    {
        if (result.Activities > 0 || result.Appended > 0 || result.Rebuilt > 0)
        {
            Interlocked.Increment(ref _generation);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await _poke.WaitAsync(options.Value.RefreshEvery, stoppingToken);
                Count(await analytics.RefreshAsync(stoppingToken));
                // Saved snapshots make the next start (and the CLI) read the state instead of folding the log.
                if (analytics.Unsaved > 0)
                {
                    await analytics.SaveAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is CommunityOpsException or System.Data.Common.DbException or InvalidOperationException)
            {
                // A store that is briefly unreachable: the next round tries again; requests keep the last state.
                log.LogWarning(ex, "Analytics refresh failed");
            }
        }
    }
}
