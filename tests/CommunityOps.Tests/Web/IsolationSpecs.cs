using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CommunityOps.Accounts;
using CommunityOps.Members;
using CommunityOps.Storage;
using CommunityOps.Tests.Infra;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CommunityOps.Tests.Web;

/// <summary>
/// Walks every endpoint in the host's route table as workspace alpha (an admin API key, then an admin
/// user), aimed at workspace beta's resources. Route ids are beta's; every request also names beta as
/// its workspace. An endpoint with a route parameter this walk does not know fails the test, so a new
/// endpoint cannot skip the check.
/// </summary>
public sealed class IsolationSpecs : IDisposable
{
    private const string Beta = "beta-ws-7f3";
    private static readonly string[] BetaMarkers = ["Tea House", "Secret Beta Member", "beta secret message", "Beta Secret Tag", Beta];
    private readonly TempFiles _files = new();

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Workspace_A_gets_404_for_every_resource_of_workspace_B(string provider)
    {
        await using var host = await TestWebHost.StartAsync(provider);
        host.Import("alpha", WebData.Alpha(_files));
        host.Import(Beta, WebData.Beta(_files));
        var ids = await BetaIdsAsync(host, _files);
        var alphaKey = host.Client(await host.KeyAsync("alpha", Role.Admin));
        await host.AddUserAsync("alice@alpha.example", Role.Admin, "alpha");
        var alphaUser = await host.SignInAsync("alice@alpha.example", "password-of-alice@alpha.example");
        var betaOwnKey = host.Client(await host.KeyAsync(Beta, Role.Admin));
        var before = await BetaStateAsync(host);

        var endpoints = Endpoints(host).OrderBy(e => e.Pattern == "/logout" ? 1 : 0).ToList();
        endpoints.Count.ShouldBeGreaterThan(20);
        var failures = new List<string>();
        var checkedByControl = 0;
        foreach (var (method, pattern, parameters, isAnonymous) in endpoints)
        {
            if (pattern.StartsWith("/openapi/", StringComparison.Ordinal))
            {
                continue; // the public API description: no workspace data
            }
            var unknown = parameters.Where(p => !ids.ContainsKey(p)).ToList();
            unknown.ShouldBeEmpty($"{method} {pattern}: the isolation walk does not know route parameter(s) {string.Join(", ", unknown)}; add beta's id for it");
            var url = parameters.Aggregate(pattern, (u, p) => u.Replace("{" + p + "}", ids[p].ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
            url += (url.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "workspace=" + ids["workspaceId"];
            if (method == "GET" && parameters.Count > 0)
            {
                // The control: beta's own key reaches the same URL, so the 404s below are isolation, not bad ids.
                using var control = await betaOwnKey.SendAsync(Request(method, url, pattern, ids["workspaceId"], null));
                control.StatusCode.ShouldBe(HttpStatusCode.OK, $"beta's own key on GET {url}");
                checkedByControl++;
            }
            foreach (var (who, client, token) in new[] { ("key", alphaKey, (string?)null), ("user", alphaUser.Http, alphaUser.CsrfToken) })
            {
                using var response = await client.SendAsync(Request(method, url, pattern, ids["workspaceId"], token));
                var body = await response.Content.ReadAsStringAsync();
                if (parameters.Count > 0 && response.StatusCode != HttpStatusCode.NotFound)
                {
                    failures.Add($"{who} {method} {url}: {(int)response.StatusCode}, expected 404");
                }
                if (BetaMarkers.FirstOrDefault(m => body.Contains(m, StringComparison.Ordinal)) is { } leaked)
                {
                    failures.Add($"{who} {method} {url}: the response shows beta's '{leaked}'");
                }
                if (!isAnonymous && parameters.Count == 0 && (int)response.StatusCode >= 500)
                {
                    failures.Add($"{who} {method} {url}: {(int)response.StatusCode}");
                }
            }
        }

        failures.ShouldBeEmpty();
        checkedByControl.ShouldBeGreaterThanOrEqualTo(10);
        (await BetaStateAsync(host)).ShouldBe(before);
        var communities = await alphaKey.GetFromJsonAsync<JsonElement>("/api/communities");
        communities.GetProperty("communities").EnumerateArray().Select(c => c.GetProperty("name").GetString()).ShouldNotContain("Tea House");
    }

    private static HttpRequestMessage Request(string method, string url, string pattern, long betaWorkspace, string? csrf)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), url);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(pattern.StartsWith("/api", StringComparison.Ordinal) ? "application/json" : "text/html"));
        if (csrf is not null)
        {
            request.Headers.Add("X-CSRF-TOKEN", csrf);
        }
        if (method is "GET" or "DELETE")
        {
            return request;
        }
        request.Content = pattern switch
        {
            "/api/imports" => Multipart(),
            _ when pattern.StartsWith("/api", StringComparison.Ordinal) => JsonContent.Create(new { email = "mallory@alpha.example", role = "viewer", name = "walk" }),
            _ => new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["workspace"] = betaWorkspace.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["role"] = "viewer",
                ["name"] = "walk",
                ["email"] = "mallory@alpha.example",
                ["lang"] = "en",
            }),
        };
        return request;
    }

    private static MultipartFormDataContent Multipart()
    {
        var content = new MultipartFormDataContent();
        content.Add(new ByteArrayContent(Encoding.UTF8.GetBytes(WebData.Message("x", "m", "u", "2026-02-01T00:00:00Z", "walk") + "\n")), "files", "walk.jsonl");
        return content;
    }

    private static IEnumerable<(string Method, string Pattern, IReadOnlyList<string> Parameters, bool IsAnonymous)> Endpoints(TestWebHost host)
    {
        foreach (var endpoint in host.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            var pattern = "/" + endpoint.RoutePattern.RawText!.TrimStart('/');
            // Route constraints (":long") are not part of the URL.
            var parameters = endpoint.RoutePattern.Parameters.Select(p => p.Name).ToList();
            foreach (var p in endpoint.RoutePattern.Parameters)
            {
                pattern = System.Text.RegularExpressions.Regex.Replace(pattern, "\\{" + p.Name + "(:[^}]*)?\\}", "{" + p.Name + "}");
            }
            var anonymous = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;
            foreach (var method in methods)
            {
                yield return (method, pattern.Length > 1 ? pattern.TrimEnd('/') : pattern, parameters, anonymous);
            }
        }
    }

    private static async Task<Dictionary<string, long>> BetaIdsAsync(TestWebHost host, TempFiles files)
    {
        await using var db = host.Store.CreateDbContext();
        var workspace = await db.Workspaces.SingleAsync(w => w.Name == Beta);
        var community = await db.Communities.SingleAsync(c => c.WorkspaceId == workspace.Id);
        var member = await db.Members.FirstAsync(m => m.CommunityId == community.Id);
        var key = (await new ApiKeyService(host.Store).CreateAsync(workspace.Id, Role.Admin, "beta key")).Key;
        var (tag, _) = await db.EnsureTagAsync(workspace.Id, "Beta Secret Tag", "test", TimeProvider.System.GetUtcNow());
        await db.AssignTagAsync(member.Id, tag, "test", TimeProvider.System.GetUtcNow());
        // An import job of beta's, uploaded by beta's own key.
        var betaClient = host.Client(await host.KeyAsync(Beta, Role.Operator));
        var upload = await betaClient.PostAsync("/api/imports", Multipart());
        upload.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var importId = (await upload.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        // Beta's inspection records: a finding, a sampled spot-check plan and its sample.
        host.Import(Beta, InspectionWebData.Conversation(files, "t1", "Tea House", "beta"));
        var inspection = await InspectionWebData.SeedAsync(host, Beta);
        // Beta's operator links: the walked member's (made before staff flags were checked, so written
        // here) and the sampled operator's; a link or unlink across the boundary would change them.
        var (betaUser, _) = await host.AddUserAsync("bob@beta.example", Role.Operator, Beta);
        db.OperatorLinks.Add(new CommunityOps.Inspection.SpotChecks.OperatorLink
        {
            MemberId = member.Id, WorkspaceId = workspace.Id, UserId = betaUser, CreatedBy = "test", CreatedAt = TimeProvider.System.GetUtcNow(),
        });
        await db.SaveChangesAsync();
        (await host.Client(await host.KeyAsync(Beta, Role.Admin)).PutAsJsonAsync($"/api/inspection/operators/{inspection.OperatorMemberId}", new { email = "bob@beta.example" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        return new Dictionary<string, long>
        {
            ["findingId"] = inspection.FindingId,
            ["planId"] = inspection.PlanId,
            ["sampleId"] = inspection.SampleId,
            ["workspaceId"] = workspace.Id,
            ["communityId"] = community.Id,
            ["memberId"] = member.Id,
            ["importId"] = importId,
            ["keyId"] = key.Id,
            ["tagId"] = tag.Id,
        };
    }

    /// <summary>What a write across the boundary would change: beta's keys, users, imports, tags and inspection records.</summary>
    private static async Task<string> BetaStateAsync(TestWebHost host)
    {
        await using var db = host.Store.CreateDbContext();
        var workspace = await db.Workspaces.SingleAsync(w => w.Name == Beta);
        var keys = await db.ApiKeys.Where(k => k.WorkspaceId == workspace.Id).OrderBy(k => k.Id).Select(k => k.Id + (k.RevokedAt == null ? "" : "r")).ToListAsync();
        var users = await db.WorkspaceMemberships.CountAsync(m => m.WorkspaceId == workspace.Id);
        var imports = await db.ImportJobs.CountAsync(j => j.WorkspaceId == workspace.Id);
        var tags = await db.Tags.Where(t => t.WorkspaceId == workspace.Id).OrderBy(t => t.Id).Select(t => t.Id + t.Name).ToListAsync();
        var tagged = await db.MemberTags.Join(db.Tags.Where(t => t.WorkspaceId == workspace.Id), m => m.TagId, t => t.Id, (m, t) => m).CountAsync();
        var findings = await db.Findings.Where(f => f.WorkspaceId == workspace.Id).OrderBy(f => f.Id).Select(f => f.Id + ":" + f.Status).ToListAsync();
        var rules = await db.InspectionRuleSets.CountAsync(r => r.WorkspaceId == workspace.Id);
        var plans = await db.SpotCheckPlans.CountAsync(p => p.WorkspaceId == workspace.Id);
        var planIds = await db.SpotCheckPlans.Where(p => p.WorkspaceId == workspace.Id).Select(p => p.Id).ToListAsync();
        var samples = await db.SpotCheckSamples.Where(x => planIds.Contains(x.PlanId)).OrderBy(x => x.Id).Select(x => x.Status).ToListAsync();
        var links = await db.OperatorLinks.Where(l => l.WorkspaceId == workspace.Id).OrderBy(l => l.MemberId).Select(l => l.MemberId + ":" + l.UserId + ":" + l.CreatedBy).ToListAsync();
        return $"keys {string.Join(",", keys)}; users {users}; imports {imports}; tags {string.Join(",", tags)}; tagged {tagged}; "
            + $"findings {string.Join(",", findings)}; rule sets {rules}; plans {plans}; samples {string.Join(",", samples)}; operator links {string.Join(",", links)}";
    }

    public void Dispose() => _files.Dispose();
}
