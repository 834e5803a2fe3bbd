using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CommunityOps.Accounts;
using CommunityOps.Analytics;
using CommunityOps.Tests.Infra;
using Microsoft.EntityFrameworkCore;

namespace CommunityOps.Tests.Web;

public sealed class MetricsApiSpecs : IDisposable
{
    private readonly TempFiles _files = new();

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Community_and_workspace_metrics_are_the_same_JSON_as_the_CLI_prints(string provider)
    {
        await using var host = await TestWebHost.StartAsync(provider);
        host.Import("alpha", WebData.Alpha(_files));
        var communityId = await CommunityIdAsync(host, "c1");
        var client = host.Client(await host.KeyAsync("alpha", Role.Operator));

        var community = await client.GetStringAsync($"/api/communities/{communityId}/metrics?from=2026-02-01&to=2026-02-10");
        var workspace = await client.GetStringAsync("/api/metrics?from=2026-02-01&to=2026-02-10");

        // What `communityops metrics --json` prints, from an engine of its own over the same store.
        using var analytics = await AnalyticsStore.OpenAsync(host.Store);
        var engine = new MetricsEngine(analytics);
        var query = new MetricsQuery(new DateOnly(2026, 2, 1), new DateOnly(2026, 2, 10));
        Same(community, MetricsJson.Serialize(await engine.CommunityAsync(communityId.ToString(System.Globalization.CultureInfo.InvariantCulture), query)));
        Same(workspace, MetricsJson.Serialize(await engine.WorkspaceAsync("alpha", query)));
        var days = JsonDocument.Parse(community).RootElement.GetProperty("days");
        days.GetArrayLength().ShouldBe(10);
        days.EnumerateArray().Sum(d => d.GetProperty("messages").GetInt32()).ShouldBe(5);
    }

    [Fact]
    public async Task A_viewer_sees_the_ranking_of_top_messages_but_not_their_text()
    {
        await using var host = await TestWebHost.StartAsync();
        host.Import("alpha", WebData.Alpha(_files));
        // A reply and a reaction make 小明's greeting a top message.
        host.Import("alpha", _files.Write("answers.jsonl",
            "{\"type\":\"message\",\"community\":\"c1\",\"id\":\"m70\",\"member\":\"u3\",\"time\":\"2026-02-05T21:00:00+08:00\",\"text\":\"thanks\",\"reply_to\":\"m2\"}\n" +
            "{\"type\":\"reaction\",\"community\":\"c1\",\"member\":\"u4\",\"message\":\"m2\",\"emoji\":\"👍\",\"time\":\"2026-02-05T21:01:00+08:00\"}\n"));
        var communityId = await CommunityIdAsync(host, "c1");

        var asViewer = await host.Client(await host.KeyAsync("alpha", Role.Viewer)).GetFromJsonAsync<JsonElement>($"/api/communities/{communityId}/metrics");
        var asInspector = await host.Client(await host.KeyAsync("alpha", Role.Inspector)).GetFromJsonAsync<JsonElement>($"/api/communities/{communityId}/metrics");

        var hidden = asViewer.GetProperty("interaction").GetProperty("top_messages").EnumerateArray().ToList();
        var shown = asInspector.GetProperty("interaction").GetProperty("top_messages").EnumerateArray().ToList();
        hidden.Count.ShouldBe(shown.Count);
        hidden.Count.ShouldBeGreaterThan(0);
        hidden.Select(m => m.TryGetProperty("text", out var t) ? t.GetString() : null).ShouldAllBe(t => t == null);
        shown.Select(m => m.TryGetProperty("text", out var t) ? t.GetString() : null).ShouldContain("你好！");
    }

    [Fact]
    public async Task An_export_uploaded_through_the_API_is_in_the_metrics_as_soon_as_its_import_is_done()
    {
        await using var host = await TestWebHost.StartAsync();
        host.Import("acme", _files.Write("first.jsonl", WebData.Join("o1", "Old", "b", "B", "2026-02-20T09:00:00Z") + "\n"));
        var client = host.Client(await host.KeyAsync("acme", Role.Operator));
        var before = await client.GetFromJsonAsync<JsonElement>("/api/metrics");

        var upload = await client.PostAsync("/api/imports", ImportsApiSpecs.Files(("feed.jsonl", string.Join('\n',
            WebData.Join("n1", "Fresh", "a", "A", "2026-03-01T09:00:00Z"),
            WebData.Message("n1", "x1", "a", "2026-03-01T09:05:00Z", "hello")) + "\n")));
        await ImportsApiSpecs.PollAsync(client, upload.Headers.Location!.ToString());
        var communityId = await CommunityIdAsync(host, "n1");
        var after = await client.GetFromJsonAsync<JsonElement>("/api/metrics");
        var metrics = await client.GetFromJsonAsync<JsonElement>($"/api/communities/{communityId}/metrics");

        before.GetProperty("communities").GetArrayLength().ShouldBe(1);
        after.GetProperty("communities").GetArrayLength().ShouldBe(2);
        metrics.GetProperty("summary").GetProperty("messages").GetInt32().ShouldBe(1);
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Members_carry_their_layer_and_reason_and_can_be_filtered_by_layer(string provider)
    {
        await using var host = await TestWebHost.StartAsync(provider);
        host.Import("alpha", WebData.Alpha(_files));
        var communityId = await CommunityIdAsync(host, "c1");
        var client = host.Client(await host.KeyAsync("alpha", Role.Inspector));
        var listing = await new MetricsEngine(await AnalyticsStore.OpenAsync(host.Store)).MembersAsync(communityId.ToString(System.Globalization.CultureInfo.InvariantCulture), null);

        var all = await client.GetFromJsonAsync<JsonElement>($"/api/communities/{communityId}/members?limit=500");
        var churned = await client.GetFromJsonAsync<JsonElement>($"/api/communities/{communityId}/members?layer=churned");
        var badLayer = await client.GetAsync($"/api/communities/{communityId}/members?layer=lurkers");
        var profile = await client.GetFromJsonAsync<JsonElement>($"/api/members/{churned.GetProperty("items")[0].GetProperty("id").GetInt64()}");

        var layers = all.GetProperty("items").EnumerateArray()
            .Where(m => m.TryGetProperty("layer", out var l) && l.ValueKind == JsonValueKind.String)
            .ToDictionary(m => m.GetProperty("id").GetInt64(), m => m.GetProperty("layer").GetString());
        layers.ShouldBe(listing.Members.ToDictionary(m => m.MemberId, m => (string?)m.Layer.ToString().ToLowerInvariant()), ignoreOrder: true);
        churned.GetProperty("total").GetInt64().ShouldBe(1);
        churned.GetProperty("items")[0].GetProperty("display_name").GetString().ShouldBe(WebData.ZeroWidth);
        (profile.GetProperty("layer").GetString(), profile.GetProperty("layer_reason").GetString()).ShouldBe(("churned", "left on 2026-02-07"));
        badLayer.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("from=2026-03-01&to=2026-02-01", "from")]
    [InlineData("from=yesterday", "from")]
    [InlineData("tz=Mars/Olympus", "tz")]
    public async Task A_bad_range_or_zone_is_a_400_naming_the_parameter(string query, string field)
    {
        await using var host = await TestWebHost.StartAsync();
        host.Import("alpha", WebData.Alpha(_files));
        var communityId = await CommunityIdAsync(host, "c1");

        var response = await host.Client(await host.KeyAsync("alpha", Role.Viewer)).GetAsync($"/api/communities/{communityId}/metrics?{query}");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Single().Name.ShouldBe(field);
    }

    [Fact]
    public async Task The_workspace_metrics_of_a_workspace_without_communities_are_a_404()
    {
        await using var host = await TestWebHost.StartAsync();

        var response = await host.Client(await host.KeyAsync("empty", Role.Viewer)).GetAsync("/api/metrics");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    private static void Same(string actual, string expected) =>
        JsonSerializer.Serialize(JsonDocument.Parse(actual).RootElement).ShouldBe(JsonSerializer.Serialize(JsonDocument.Parse(expected).RootElement));

    internal static async Task<long> CommunityIdAsync(TestWebHost host, string sourceId)
    {
        await using var db = host.Store.CreateDbContext();
        return (await db.Communities.SingleAsync(c => c.SourceId == sourceId)).Id;
    }

    public void Dispose() => _files.Dispose();
}
