namespace CommunityOps.Analytics;

/// <summary>
/// What workspace totals need beyond sums, collected per thread while the communities are computed:
/// a histogram of answer delays (at most 24 hours, so one counter per second) for exact percentiles
/// over all periods, and a histogram of members' message counts in their core-contributor windows.
/// Histograms instead of the values keep the totals free of sorting and of large short-lived arrays.
/// </summary>
internal sealed class TotalsParts
{
    private readonly long[] _waits = new long[(24 * 3600) + 1];
    private long[] _coreCounts = new long[256];

    public long Waits { get; private set; }

    public void AddWait(int seconds)
    {
        _waits[seconds]++;
        Waits++;
    }

    public void AddCoreCount(int messages)
    {
        if (messages >= _coreCounts.Length)
        {
            Array.Resize(ref _coreCounts, Math.Max(messages + 1, _coreCounts.Length * 2));
        }
        _coreCounts[messages]++;
    }

    public void Add(TotalsParts other)
    {
        for (var i = 0; i < _waits.Length; i++)
        {
            _waits[i] += other._waits[i];
        }
        Waits += other.Waits;
        if (other._coreCounts.Length > _coreCounts.Length)
        {
            Array.Resize(ref _coreCounts, other._coreCounts.Length);
        }
        for (var i = 0; i < other._coreCounts.Length; i++)
        {
            _coreCounts[i] += other._coreCounts[i];
        }
    }

    /// <summary>Nearest-rank median and p90 over every answered period.</summary>
    public ResponseMetrics Response(int periods)
    {
        int? median = null, p90 = null;
        if (Waits > 0)
        {
            median = Rank((Waits + 1) / 2);
            p90 = Rank(((9 * Waits) + 9) / 10);
        }
        return new ResponseMetrics(periods, (int)Waits, median, p90, null);
    }

    /// <summary>The fewest member identities, over all communities, covering the share of all their window messages.</summary>
    public CoreContributors Core(LayerThresholds thresholds)
    {
        long total = 0;
        for (var n = 1; n < _coreCounts.Length; n++)
        {
            total += n * _coreCounts[n];
        }
        long covered = 0;
        var members = 0;
        for (var n = _coreCounts.Length - 1; n > 0 && covered * 100 < total * thresholds.CoreSharePercent; n--)
        {
            for (var k = _coreCounts[n]; k > 0 && covered * 100 < total * thresholds.CoreSharePercent; k--)
            {
                covered += n;
                members++;
            }
        }
        return new CoreContributors(thresholds.CoreDays, (int)total, members, total == 0 ? 0 : Math.Round(covered / (double)total, 4), []);
    }

    private int Rank(long rank)
    {
        long seen = 0;
        for (var v = 0; v < _waits.Length; v++)
        {
            seen += _waits[v];
            if (seen >= rank)
            {
                return v;
            }
        }
        return _waits.Length - 1;
    }
}
