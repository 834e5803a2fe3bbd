using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CommunityOps.Accounts;
using CommunityOps.Tests.Infra;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace CommunityOps.Tests.Web;

public sealed class AuthSpecs
{
    [Fact]
    public async Task Without_credentials_every_API_call_gets_401_and_every_page_redirects_to_login()
    {
        await using var host = await TestWebHost.StartAsync();
        var endpoints = host.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is null).ToList();
        endpoints.Count.ShouldBeGreaterThan(20);
        var failures = new List<string>();
        foreach (var endpoint in endpoints)
        {
            var url = "/" + System.Text.RegularExpressions.Regex.Replace(endpoint.RoutePattern.RawText!.TrimStart('/'), "\\{[^}]+\\}", "1");
            foreach (var method in endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
            {
                var isApi = url.StartsWith("/api", StringComparison.Ordinal);
                using var request = new HttpRequestMessage(new HttpMethod(method), url);
                request.Headers.Accept.ParseAdd(isApi ? "application/json" : "text/html");
                if (method != "GET")
                {
                    request.Content = new FormUrlEncodedContent(new Dictionary<string, string>());
                }
                using var response = await host.Client().SendAsync(request);
                if (isApi && (response.StatusCode != HttpStatusCode.Unauthorized || response.Content.Headers.ContentType?.MediaType != "application/problem+json"))
                {
                    failures.Add($"{method} {url}: {(int)response.StatusCode} {response.Content.Headers.ContentType}");
                }
                if (!isApi && (response.StatusCode != HttpStatusCode.Redirect || response.Headers.Location?.ToString().Contains("/login", StringComparison.Ordinal) != true))
                {
                    failures.Add($"{method} {url}: {(int)response.StatusCode} to {response.Headers.Location}");
                }
            }
        }
        failures.ShouldBeEmpty();
    }

    [Fact]
    public async Task Every_post_with_nothing_in_it_is_refused_with_a_4xx_never_a_500()
    {
        await using var host = await TestWebHost.StartAsync();
        var admin = await host.SignInAsync();
        var key = host.Client(await host.KeyAsync("default", Role.Admin));
        var posts = host.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.Any(m => m is "POST" or "DELETE") == true)
            .Select(e => "/" + System.Text.RegularExpressions.Regex.Replace(e.RoutePattern.RawText!.TrimStart('/'), "\\{[^}]+\\}", "1"))
            .Where(url => url != "/logout")
            .ToList();
        posts.Count.ShouldBeGreaterThan(8);
        var failures = new List<string>();
        foreach (var url in posts)
        {
            var method = url.Contains("/apikeys/", StringComparison.Ordinal) && !url.EndsWith("/revoke", StringComparison.Ordinal) ? HttpMethod.Delete : HttpMethod.Post;
            using var asUser = new HttpRequestMessage(method, url) { Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = admin.CsrfToken }) };
            using var asKey = new HttpRequestMessage(method, url) { Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json") };
            foreach (var (who, client, request) in new[] { ("user", admin.Http, asUser), ("key", key, asKey) })
            {
                using var response = await client.SendAsync(request);
                if ((int)response.StatusCode >= 500)
                {
                    failures.Add($"{who} {method} {url}: {(int)response.StatusCode}");
                }
            }
        }
        failures.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_person_signs_in_with_a_secure_cookie_and_signs_out()
    {
        await using var host = await TestWebHost.StartAsync();
        var client = host.Client();
        client.DefaultRequestHeaders.Accept.ParseAdd("text/html");
        var token = TestWebHost.CsrfToken(await client.GetStringAsync("/login"));

        var wrong = await client.PostAsync("/login", Form(("email", TestWebHost.AdminEmail), ("password", "not the password"), ("__RequestVerificationToken", token)));
        var right = await client.PostAsync("/login", Form(("email", "ADMIN@localhost"), ("password", TestWebHost.AdminPassword), ("__RequestVerificationToken", token), ("returnUrl", "/communities")));

        wrong.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await wrong.Content.ReadAsStringAsync()).ShouldContain("Wrong e-mail or password.");
        right.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        right.Headers.Location!.ToString().ShouldBe("/communities");
        var cookie = right.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("co.session=", StringComparison.Ordinal));
        cookie.ShouldContain("httponly");
        cookie.ShouldContain("samesite=lax");
        (await client.GetAsync("/communities")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var page = await client.GetStringAsync("/communities");
        var signOut = await client.PostAsync("/logout", Form(("__RequestVerificationToken", TestWebHost.CsrfToken(page))));

        signOut.Headers.Location!.ToString().ShouldBe("/login");
        (await client.GetAsync("/communities")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task Sign_in_redirects_only_to_local_pages()
    {
        await using var host = await TestWebHost.StartAsync();
        var client = host.Client();
        var token = TestWebHost.CsrfToken(await client.GetStringAsync("/login"));

        var response = await client.PostAsync("/login", Form(("email", TestWebHost.AdminEmail), ("password", TestWebHost.AdminPassword), ("__RequestVerificationToken", token), ("returnUrl", "//evil.example/x")));

        response.Headers.Location!.ToString().ShouldBe("/");
    }

    [Fact]
    public async Task Sign_in_attempts_are_rate_limited_per_address()
    {
        await using var host = await TestWebHost.StartAsync(settings: new Dictionary<string, string?> { ["Web:LoginAttemptsPerMinute"] = "3" });
        var client = host.Client();
        client.DefaultRequestHeaders.Accept.ParseAdd("text/html");
        var token = TestWebHost.CsrfToken(await client.GetStringAsync("/login"));
        var statuses = new List<HttpStatusCode>();

        for (var i = 0; i < 4; i++)
        {
            var response = await client.PostAsync("/login", Form(("email", TestWebHost.AdminEmail), ("password", "guess " + i), ("__RequestVerificationToken", token)));
            statuses.Add(response.StatusCode);
        }

        statuses.ShouldBe([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests]);
    }

    [Fact]
    public async Task A_form_post_riding_on_the_cookie_without_the_anti_forgery_token_is_refused()
    {
        await using var host = await TestWebHost.StartAsync();
        var admin = await host.SignInAsync();

        var forged = await admin.Http.PostAsync("/language", Form(("lang", "zh-CN"), ("returnUrl", "/")));
        var forgedApi = await admin.Http.PostAsync("/api/workspaces/1/apikeys", JsonContent.Create(new { role = "viewer" }));
        var genuine = await admin.PostFormAsync("/language", new() { ["lang"] = "zh-CN", ["returnUrl"] = "/" });

        forged.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        forgedApi.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        genuine.StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task Unknown_and_revoked_API_keys_get_401()
    {
        await using var host = await TestWebHost.StartAsync();
        var created = await new ApiKeyService(host.Store).CreateAsync("default", Role.Viewer);
        (await host.Client(created.Secret).GetAsync("/api/communities")).StatusCode.ShouldBe(HttpStatusCode.OK);
        await new ApiKeyService(host.Store).RevokeAsync(created.Key.WorkspaceId, created.Key.Id);

        var revoked = await host.Client(created.Secret).GetAsync("/api/communities");
        var garbage = await host.Client("co_nonsense").GetAsync("/api/communities");

        revoked.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        garbage.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        revoked.Headers.WwwAuthenticate.ToString().ShouldBe("Bearer");
        (await garbage.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetInt32().ShouldBe(401);
    }

    [Fact]
    public async Task Changing_the_password_ends_existing_sessions()
    {
        await using var host = await TestWebHost.StartAsync();
        var admin = await host.SignInAsync();

        await new AccountService(host.Store).SetPasswordAsync(TestWebHost.AdminEmail, "a brand new password");

        (await admin.Http.GetAsync("/communities")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task A_person_changes_their_password_stays_signed_in_here_and_is_signed_out_elsewhere()
    {
        await using var host = await TestWebHost.StartAsync();
        var here = await host.SignInAsync();
        var elsewhere = await host.SignInAsync();

        var wrong = await here.PostFormAsync("/account/password", new() { ["current"] = "not it at all", ["replacement"] = "a fresh password 2026" });
        var changed = await here.PostFormAsync("/account/password", new() { ["current"] = TestWebHost.AdminPassword, ["replacement"] = "a fresh password 2026" });

        wrong.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await wrong.Content.ReadAsStringAsync()).ShouldContain("The current password is wrong.");
        changed.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await here.Http.GetAsync("/communities")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await elsewhere.Http.GetAsync("/communities")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await new AccountService(host.Store).VerifyPasswordAsync(TestWebHost.AdminEmail, "a fresh password 2026")).ShouldNotBeNull();
    }

    private static FormUrlEncodedContent Form(params (string Key, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)));
}
