using System.Globalization;
using CommunityOps.Analytics;
using CommunityOps.Tests.Infra;

namespace CommunityOps.Tests.Analytics;

public sealed class ProviderParitySpecs : IDisposable
{
    private readonly TempFiles _files = new();

    /// <summary>Runs wherever PostgreSQL is configured (always in CI, where TestStore requires it).</summary>
    [Fact]
    public async Task The_same_history_gives_the_same_reports_on_SQLite_and_PostgreSQL()
    {
        if (TestStore.PostgresServer is null)
        {
            return;
        }
        var jsonl = new RandomHistory(31).Jsonl();
        await using var sqlite = await TestStore.CreateAsync("sqlite");
        await using var postgres = await TestStore.CreateAsync("postgres");
        sqlite.Import(_files, jsonl);
        postgres.Import(_files, jsonl);
        using var a = await AnalyticsStore.OpenAsync(sqlite.Store);
        using var b = await AnalyticsStore.OpenAsync(postgres.Store);

        var left = await new MetricsEngine(a).WorkspaceAsync();
        var right = await new MetricsEngine(b).WorkspaceAsync();

        left.Communities.Count.ShouldBe(3);
        MetricsFixture.WithoutActivityIds(left.Totals).ShouldBe(MetricsFixture.WithoutActivityIds(right.Totals));
        for (var i = 0; i < left.Communities.Count; i++)
        {
            MetricsFixture.WithoutActivityIds(left.Communities[i] with { CommunityId = 0 })
                .ShouldBe(MetricsFixture.WithoutActivityIds(right.Communities[i] with { CommunityId = 0 }), $"community {i}");
        }
    }

    public void Dispose() => _files.Dispose();
}
