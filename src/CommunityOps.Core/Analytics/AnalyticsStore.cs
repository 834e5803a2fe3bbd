using CommunityOps.Storage;

namespace CommunityOps.Analytics;

/// <summary>What one refresh did.</summary>
public sealed record RefreshResult(int Activities, int Appended, int Rebuilt, long Watermark);

/// <summary>
/// The analytical state of a store: one folded <see cref="CommunityState"/> per community, loaded from
/// the saved snapshots (table analytics_snapshots) and kept current by <see cref="RefreshAsync"/>, which
/// folds activities above the watermark (the largest activity id folded) into the communities they belong
/// to. Communities that got history older than what is folded are rebuilt from the log. Queries read
/// under a shared lock; a refresh takes it exclusively only while it folds.
/// </summary>
public sealed partial class AnalyticsStore : IDisposable
{
    /// <summary>Activities read from the log per round trip of a refresh.</summary>
    private const long ChunkIds = 1_000_000;

    /// <summary>
    /// An import that started this long before the previous refresh may have committed ids below the
    /// watermark after it (PostgreSQL hands out ids before commit); such imports trigger a count check.
    /// </summary>
    private const long LateCommitMarginMs = 10 * 60 * 1000;

    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.SupportsRecursion);
    private readonly SemaphoreSlim _writer = new(1, 1);
    private readonly Dictionary<(long Community, string Zone), (long Watermark, CommunityState State)> _zoned = [];
    private readonly HashSet<long> _dirty = [];
    private Dictionary<long, CommunityState> _states = [];
    private HashSet<long> _seenRuns = [];
    private long _lastRefreshMs;

    private AnalyticsStore(Store store) => Store = store;

    public Store Store { get; }

    /// <summary>The largest activity id folded into the state.</summary>
    public long Watermark { get; private set; }

    public int Communities => Read(s => s.Count);

    public long Events => Read(s => s.Values.Sum(c => c.EventCount));

    /// <summary>Loads the saved state (or builds it from the log the first time) and folds what is new.</summary>
    public static async Task<AnalyticsStore> OpenAsync(Store store, CancellationToken ct = default)
    {
        var analytics = new AnalyticsStore(store);
        await analytics.LoadAsync(ct);
        await analytics.RefreshAsync(ct);
        return analytics;
    }

    /// <summary>Folds activities imported since the last refresh; returns what changed.</summary>
    public async Task<RefreshResult> RefreshAsync(CancellationToken ct = default)
    {
        await _writer.WaitAsync(ct);
        try
        {
            return await RefreshLockedAsync(ct);
        }
        finally
        {
            _writer.Release();
        }
    }

    /// <summary>Drops the state and folds the whole log again (also what a format change does).</summary>
    public async Task RebuildAsync(CancellationToken ct = default)
    {
        await _writer.WaitAsync(ct);
        try
        {
            Write(() =>
            {
                _states = [];
                _zoned.Clear();
            });
            Watermark = 0;
            _seenRuns = [];
            await RefreshLockedAsync(ct);
        }
        finally
        {
            _writer.Release();
        }
    }

    internal T Read<T>(Func<IReadOnlyDictionary<long, CommunityState>, T> read)
    {
        _lock.EnterReadLock();
        try
        {
            return read(_states);
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    private void Write(Action write)
    {
        _lock.EnterWriteLock();
        try
        {
            write();
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <summary>One community folded in another zone (the --tz override), from the log, cached until the next refresh.</summary>
    internal async Task<CommunityState> StateInZoneAsync(long communityId, ZoneClock zone, CancellationToken ct)
    {
        var watermark = Watermark;
        lock (_zoned)
        {
            if (_zoned.TryGetValue((communityId, zone.Id), out var cached) && cached.Watermark == watermark)
            {
                return cached.State;
            }
        }
        await using var connection = await Store.OpenConnectionAsync(ct);
        var row = (await ActivityReader.CommunitiesAsync(connection, ct)).Single(c => c.Id == communityId);
        var state = await BuildAsync(connection, row, zone, watermark, ct);
        lock (_zoned)
        {
            if (_zoned.Count >= 16)
            {
                _zoned.Clear();
            }
            _zoned[(communityId, zone.Id)] = (watermark, state);
        }
        return state;
    }

    private async Task<CommunityState> BuildAsync(System.Data.Common.DbConnection connection, CommunityRow row, ZoneClock zone, long upTo, CancellationToken ct)
    {
        var members = await ActivityReader.MembersAsync(connection, row.Id, ct);
        var channels = await ActivityReader.ChannelsAsync(connection, row.Id, ct);
        var rows = await ActivityReader.CommunityActivitiesAsync(connection, Store.Provider, row.Id, upTo, ct);
        return CommunityBuilder.Build(row, zone, members, channels, rows, upTo);
    }

    private static ZoneClock ZoneOf(CommunityRow row)
    {
        try
        {
            return ZoneClock.For(row.TimeZone);
        }
        catch (CommunityOpsException)
        {
            // A zone the system does not know (an old tzdata): measure in UTC rather than not at all.
            return ZoneClock.For(TimeZoneInfo.Utc);
        }
    }

    public void Dispose()
    {
        _lock.Dispose();
        _writer.Dispose();
    }
}
