using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CommunityOps.Accounts;
using CommunityOps.Tests.Infra;
using Microsoft.EntityFrameworkCore;

namespace CommunityOps.Tests.Web;

/// <summary>GET, PUT and DELETE /api/inspection/operators: who may link accounts to operators, and only inside their own workspace.</summary>
public sealed class OperatorLinksApiSpecs : IDisposable
{
    private readonly TempFiles _files = new();

    /// <summary>alpha: Ann and Staff Sam are staff of Coffee Club, with a scored spot check of Staff Sam; beta: Staff Sam of Tea House, linked to bob.</summary>
    private async Task<(TestWebHost Host, long Sam, long SampleId, long BetaSam, long BetaWorkspace)> StartAsync(string provider)
    {
        var host = await TestWebHost.StartAsync(provider);
        host.Import("alpha", WebData.Alpha(_files));
        host.Import("alpha", InspectionWebData.Conversation(_files, "c1", "Coffee Club", "alpha"));
        host.Import("beta", WebData.Beta(_files));
        host.Import("beta", InspectionWebData.Conversation(_files, "t1", "Tea House", "beta"));
        var seeded = await InspectionWebData.SeedAsync(host, "alpha");
        await host.AddUserAsync("sam@alpha.example", Role.Operator, "alpha");
        await host.AddUserAsync("ann@alpha.example", Role.Operator, "alpha");
        await host.AddUserAsync("bob@beta.example", Role.Operator, "beta");
        await using var db = host.Store.CreateDbContext();
        var betaSam = await db.Members.Where(m => m.SourceId == "beta-op").Select(m => m.Id).SingleAsync();
        var betaWorkspace = await db.Workspaces.Where(w => w.Name == "beta").Select(w => w.Id).SingleAsync();
        var betaAdmin = host.Client(await host.KeyAsync("beta", Role.Admin));
        (await betaAdmin.PutAsJsonAsync($"/api/inspection/operators/{betaSam}", new { email = "bob@beta.example" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var inspector = host.Client(await host.KeyAsync("alpha", Role.Inspector));
        (await inspector.PostAsJsonAsync($"/api/inspection/samples/{seeded.SampleId}/score", new { items = new[] { new { item = "late" } } })).StatusCode.ShouldBe(HttpStatusCode.OK);
        return (host, seeded.OperatorMemberId, seeded.SampleId, betaSam, betaWorkspace);
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task A_manager_links_an_operator_relinks_it_to_another_account_and_unlinks_it_and_only_the_linked_account_may_appeal(string provider)
    {
        var (host, sam, sampleId, _, _) = await StartAsync(provider);
        await using var owned = host;
        var manager = host.Client(await host.KeyAsync("alpha", Role.Manager));
        var samUser = await host.SignInAsync("sam@alpha.example", "password-of-sam@alpha.example");
        var annUser = await host.SignInAsync("ann@alpha.example", "password-of-ann@alpha.example");

        var operators = await manager.GetFromJsonAsync<JsonElement>("/api/inspection/operators");
        operators.GetProperty("operators").EnumerateArray().Select(o => o.GetProperty("display_name").GetString()).ShouldBe(["Ann", "Staff Sam"]);
        operators.GetProperty("operators").EnumerateArray().Single(o => o.GetProperty("member_id").GetInt64() == sam).GetProperty("messages").GetInt64().ShouldBe(1);

        var linked = await manager.PutAsJsonAsync($"/api/inspection/operators/{sam}", new { email = " Ann@Alpha.Example" });
        linked.StatusCode.ShouldBe(HttpStatusCode.OK);
        var link = await linked.Content.ReadFromJsonAsync<JsonElement>();
        (link.GetProperty("member_id").GetInt64(), link.GetProperty("email").GetString(), link.GetProperty("can_appeal").GetBoolean()).ShouldBe((sam, "ann@alpha.example", true));
        link.GetProperty("linked_by").GetString()!.ShouldStartWith("api-key:");

        var relinked = await manager.PutAsJsonAsync($"/api/inspection/operators/{sam}", new { email = "sam@alpha.example" });
        relinked.StatusCode.ShouldBe(HttpStatusCode.OK);
        var listed = await manager.GetFromJsonAsync<JsonElement>("/api/inspection/operators?linked=true");
        listed.GetProperty("operators").EnumerateArray().Select(o => (o.GetProperty("member_id").GetInt64(), o.GetProperty("link").GetProperty("email").GetString()))
            .ShouldBe([(sam, "sam@alpha.example")]);
        (await SendAsync(annUser, HttpMethod.Post, $"/api/inspection/samples/{sampleId}/appeal", new { reason = "不是我" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        (await manager.DeleteAsync($"/api/inspection/operators/{sam}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await manager.DeleteAsync($"/api/inspection/operators/{sam}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await manager.GetFromJsonAsync<JsonElement>("/api/inspection/operators?linked=true")).GetProperty("total").GetInt64().ShouldBe(0);
        (await SendAsync(samUser, HttpMethod.Post, $"/api/inspection/samples/{sampleId}/appeal", new { reason = "我申诉" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        (await manager.PutAsJsonAsync($"/api/inspection/operators/{sam}", new { email = "sam@alpha.example" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await SendAsync(samUser, HttpMethod.Post, $"/api/inspection/samples/{sampleId}/appeal", new { reason = "我申诉" })).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Viewers_inspectors_and_operators_may_not_link_and_no_one_reaches_the_operators_or_accounts_of_another_workspace(string provider)
    {
        var (host, sam, _, betaSam, betaWorkspace) = await StartAsync(provider);
        await using var owned = host;
        var viewer = host.Client(await host.KeyAsync("alpha", Role.Viewer));
        var inspector = host.Client(await host.KeyAsync("alpha", Role.Inspector));
        var operatorUser = await host.SignInAsync("sam@alpha.example", "password-of-sam@alpha.example");
        var admin = host.Client(await host.KeyAsync("alpha", Role.Admin));
        await host.AddUserAsync("alice@alpha.example", Role.Admin, "alpha");
        var alphaOnlyAdmin = await host.SignInAsync("alice@alpha.example", "password-of-alice@alpha.example");

        (await viewer.GetAsync("/api/inspection/operators")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await viewer.PutAsJsonAsync($"/api/inspection/operators/{sam}", new { email = "sam@alpha.example" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await viewer.DeleteAsync($"/api/inspection/operators/{sam}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await inspector.PutAsJsonAsync($"/api/inspection/operators/{sam}", new { email = "sam@alpha.example" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await SendAsync(operatorUser, HttpMethod.Put, $"/api/inspection/operators/{sam}", new { email = "sam@alpha.example" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        // Another workspace's operator is not there at all; another workspace's account is no account of this one.
        (await admin.PutAsJsonAsync($"/api/inspection/operators/{betaSam}", new { email = "sam@alpha.example" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await admin.DeleteAsync($"/api/inspection/operators/{betaSam}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await SendAsync(alphaOnlyAdmin, HttpMethod.Delete, $"/api/inspection/operators/{betaSam}", null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await admin.GetAsync($"/api/inspection/operators?workspace={betaWorkspace}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await admin.PutAsJsonAsync("/api/inspection/operators/999999", new { email = "sam@alpha.example" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var toBeta = await admin.PutAsJsonAsync($"/api/inspection/operators/{sam}", new { email = "bob@beta.example" });
        toBeta.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await toBeta.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("email", out _).ShouldBeTrue();
        var missing = await admin.PutAsJsonAsync($"/api/inspection/operators/{sam}", new { });
        (await missing.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("email", out _).ShouldBeTrue();
        var notStaff = await admin.PutAsJsonAsync($"/api/inspection/operators/{await MemberIdAsync(host, "u2")}", new { email = "sam@alpha.example" });
        notStaff.StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        var alphaList = await SendAsync(alphaOnlyAdmin, HttpMethod.Get, "/api/inspection/operators", null);
        alphaList.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await alphaList.Content.ReadAsStringAsync()).ShouldNotContain("Tea House");
        var betaList = await host.Client(await host.KeyAsync("beta", Role.Manager)).GetFromJsonAsync<JsonElement>("/api/inspection/operators?linked=true");
        betaList.GetProperty("operators").EnumerateArray().Select(o => (o.GetProperty("member_id").GetInt64(), o.GetProperty("link").GetProperty("email").GetString()))
            .ShouldBe([(betaSam, "bob@beta.example")]);
        (await admin.GetFromJsonAsync<JsonElement>("/api/inspection/operators?linked=true")).GetProperty("total").GetInt64().ShouldBe(0);
    }

    private static async Task<long> MemberIdAsync(TestWebHost host, string sourceId)
    {
        await using var db = host.Store.CreateDbContext();
        return await db.Members.Where(m => m.SourceId == sourceId).Select(m => m.Id).SingleAsync();
    }

    /// <summary>A signed-in browser's script request: the session cookie plus the anti-forgery header.</summary>
    private static Task<HttpResponseMessage> SendAsync(SignedInClient client, HttpMethod method, string url, object? body)
    {
        var request = new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Add("X-CSRF-TOKEN", client.CsrfToken);
        request.Headers.Accept.ParseAdd("application/json");
        return client.Http.SendAsync(request);
    }

    public void Dispose() => _files.Dispose();
}
