using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CommunityOps.Tests.Infra;

namespace CommunityOps.Tests.Web;

public sealed class HostSpecs
{
    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Healthz_answers_200_while_the_store_is_reachable(string provider)
    {
        await using var host = await TestWebHost.StartAsync(provider);

        var response = await host.Client().GetAsync("/healthz");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString().ShouldBe("ok");
    }

    [Fact]
    public async Task Healthz_answers_503_with_problem_details_when_the_store_is_gone()
    {
        await using var host = await TestWebHost.StartAsync("sqlite");
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(host.Db + suffix);
        }
        // A folder where the database file was: SQLite can neither open nor recreate it.
        Directory.CreateDirectory(host.Db);
        try
        {
            var response = await host.Client().GetAsync("/healthz");

            response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
            response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        }
        finally
        {
            Directory.Delete(host.Db);
        }
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_the_API()
    {
        await using var host = await TestWebHost.StartAsync();

        var doc = await host.Client().GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        var paths = doc.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        paths.ShouldContain("/api/communities");
        paths.ShouldContain("/api/communities/{communityId}/members");
        paths.ShouldContain("/api/imports");
        paths.ShouldNotContain("/login");
    }

    [Fact]
    public async Task On_first_start_the_admin_gets_a_generated_password_printed_once()
    {
        await using var store = await TestStore.CreateAsync("sqlite");
        var (first, firstOutput) = await TestWebHost.BuildAsync(store.Db, null, adminPassword: null);
        await first.DisposeAsync();
        var (second, secondOutput) = await TestWebHost.BuildAsync(store.Db, null, adminPassword: null);
        await second.DisposeAsync();

        var printed = firstOutput.ToString();
        printed.ShouldContain("Created the admin account admin@localhost with the password ");
        var password = printed.Split("with the password ")[1].Split('\n')[0].Trim();
        password.Length.ShouldBeGreaterThanOrEqualTo(20);
        (await new CommunityOps.Accounts.AccountService(store.Store).VerifyPasswordAsync("admin@localhost", password)).ShouldNotBeNull();
        secondOutput.ToString().ShouldBeEmpty();
    }

    [Fact]
    public async Task Every_response_carries_the_content_security_policy_error_pages_too()
    {
        await using var host = await TestWebHost.StartAsync();
        var admin = await host.SignInAsync();

        var responses = new[]
        {
            await host.Client().GetAsync("/login"),
            await admin.Http.GetAsync("/communities"),
            await admin.Http.GetAsync("/communities/424242"),
            await host.Client().GetAsync("/api/communities"),
            await host.Client().GetAsync("/js/app.js"),
        };

        foreach (var response in responses)
        {
            response.Headers.GetValues("Content-Security-Policy").Single().ShouldContain("script-src 'self';");
            response.Headers.GetValues("X-Content-Type-Options").Single().ShouldBe("nosniff");
        }
        responses[2].StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Demo_fills_an_empty_store_once_and_its_overview_has_figures()
    {
        await using var store = await TestStore.CreateAsync("sqlite");
        var (first, output) = await TestWebHost.BuildAsync(store.Db, null, TestWebHost.AdminPassword, demo: true);
        await first.DisposeAsync();
        int communities;
        await using (var db = store.Store.CreateDbContext())
        {
            communities = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.Communities);
        }
        await using var host = await TestWebHost.StartAsync(store: store, settings: null);
        var admin = await host.SignInAsync();

        var overview = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await admin.Http.GetStringAsync("/"));

        output.ToString().ShouldContain("Demo workspace 'demo': 12 communities");
        communities.ShouldBe(12);
        overview.QuerySelectorAll("#overview-kpis [data-kpi]").Length.ShouldBe(7);
        overview.QuerySelector("[data-kpi=Members] .stat-value")!.TextContent.ShouldNotBe("0");
    }

    [Fact]
    public async Task A_too_short_admin_password_is_refused_before_the_demo_is_built()
    {
        await using var store = await TestStore.CreateAsync("sqlite");

        var error = await Should.ThrowAsync<CommunityOpsException>(() => TestWebHost.BuildAsync(store.Db, null, "short", demo: true));

        error.Message.ShouldContain("at least 12 characters");
        await using var db = store.Store.CreateDbContext();
        (await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.Communities)).ShouldBe(0);
    }

    [Fact]
    public async Task Unknown_API_routes_answer_problem_details()
    {
        await using var host = await TestWebHost.StartAsync();
        var key = await host.KeyAsync("default", CommunityOps.Accounts.Role.Viewer);

        var response = await host.Client(key).GetAsync("/api/communities/987654");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }
}
