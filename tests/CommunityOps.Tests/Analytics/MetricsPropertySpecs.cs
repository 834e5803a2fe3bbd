using CommunityOps.Analytics;
using CommunityOps.Tests.Infra;

namespace CommunityOps.Tests.Analytics;

/// <summary>The engine against the plain reference implementation on seeded random histories.</summary>
public sealed class MetricsPropertySpecs : IDisposable
{
    private readonly TempFiles _files = new();

    public static TheoryData<string, int> Seeds
    {
        get
        {
            var data = new TheoryData<string, int>();
            foreach (var seed in new[] { 1, 2, 3, 4, 5, 6 })
            {
                data.Add("sqlite", seed);
            }
            if (TestStore.PostgresServer is not null)
            {
                data.Add("postgres", 7);
                data.Add("postgres", 8);
            }
            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task The_engine_agrees_with_the_reference_on_random_histories(string provider, int seed)
    {
        await using var store = await TestStore.CreateAsync(provider);
        store.Import(_files, new RandomHistory(seed).Jsonl());
        using var analytics = await AnalyticsStore.OpenAsync(store.Store);
        var engine = new MetricsEngine(analytics);

        foreach (var id in await store.CommunityIdsAsync())
        {
            var reference = await store.ReferenceAsync(id);
            var (from, to) = reference.DefaultRange();
            var actual = await engine.CommunityAsync(id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            actual.ShouldMatch(reference.Report(from, to), $"seed {seed}, community {id}, default range");

            // A short range inside the history exercises prefix state (members, wau, mau) before `from`.
            var inner = new MetricsQuery(from.AddDays(40), from.AddDays(61));
            (await engine.CommunityAsync(id.ToString(System.Globalization.CultureInfo.InvariantCulture), inner))
                .ShouldMatch(reference.Report(inner.From!.Value, inner.To!.Value), $"seed {seed}, community {id}, inner range");
        }
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task A_time_zone_override_measures_days_and_hours_in_that_zone(string provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        store.Import(_files, new RandomHistory(11, communities: 1).Jsonl());
        using var analytics = await AnalyticsStore.OpenAsync(store.Store);
        var id = (await store.CommunityIdsAsync())[0];
        var reference = await store.ReferenceAsync(id, "Europe/Berlin");
        var (from, to) = reference.DefaultRange();

        var actual = await new MetricsEngine(analytics).CommunityAsync(id.ToString(System.Globalization.CultureInfo.InvariantCulture), new MetricsQuery(TimeZone: "Europe/Berlin"));

        actual.Tz.ShouldBe("Europe/Berlin");
        actual.ShouldMatch(reference.Report(from, to), "zone override");
    }

    public void Dispose() => _files.Dispose();
}
