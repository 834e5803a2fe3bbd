using System.Collections.Concurrent;

namespace CommunityOps.Web.Metrics;

/// <summary>
/// Answers computed from the engine (a report, a member listing, their JSON) kept until the engine's
/// state changes (<see cref="AnalyticsRefresher.Generation"/>). A dashboard asks the same questions
/// over and over between imports; fifty clients asking at once wait for one computation.
/// </summary>
public sealed class MetricsCache(AnalyticsRefresher refresher)
{
    /// <summary>Entries kept at most; past it the cache starts over (the keys are page views, not data).</summary>
    private const int Capacity = 2_000;

    private readonly ConcurrentDictionary<string, (long Generation, Lazy<Task<object>> Value)> _entries = new(StringComparer.Ordinal);

    public async Task<T> GetAsync<T>(string key, Func<Task<T>> compute) where T : class
    {
        var generation = refresher.Generation;
        if (_entries.TryGetValue(key, out var hit) && hit.Generation == generation)
        {
            return (T)await hit.Value.Value;
        }
        if (_entries.Count >= Capacity)
        {
            _entries.Clear();
        }
        var entry = (generation, new Lazy<Task<object>>(async () => await compute()));
        var stored = _entries.AddOrUpdate(key, entry, (_, old) => old.Generation == generation ? old : entry);
        try
        {
            return (T)await stored.Value.Value;
        }
        catch
        {
            // A failed computation (a bad range, a store hiccup) is not kept.
            _entries.TryRemove(new KeyValuePair<string, (long, Lazy<Task<object>>)>(key, stored));
            throw;
        }
    }
}
