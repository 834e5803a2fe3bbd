using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CommunityOps.Accounts;
using CommunityOps.Tests.Infra;
using Microsoft.EntityFrameworkCore;

namespace CommunityOps.Tests.Web;

/// <summary>The role matrix of docs/security.md, checked through the API with one key per role.</summary>
public sealed class RoleSpecs : IDisposable
{
    private readonly TempFiles _files = new();

    [Theory]
    // The role, then the status of: communities, members, an upload, API keys, users.
    [InlineData("viewer", 200, 403, 403, 403, 403)]
    [InlineData("inspector", 200, 200, 403, 403, 403)]
    [InlineData("operator", 200, 200, 202, 403, 403)]
    [InlineData("manager", 200, 200, 202, 200, 403)]
    [InlineData("admin", 200, 200, 202, 200, 200)]
    public async Task Each_role_reaches_exactly_what_the_matrix_allows(string role, int communities, int members, int import, int keys, int users)
    {
        await using var host = await TestWebHost.StartAsync();
        host.Import("alpha", WebData.Alpha(_files));
        var (workspaceId, communityId) = await IdsAsync(host);
        var client = host.Client(await host.KeyAsync("alpha", Roles.Parse(role)));

        var statuses = new[]
        {
            (await client.GetAsync("/api/communities")).StatusCode,
            (await client.GetAsync($"/api/communities/{communityId}/members")).StatusCode,
            (await client.PostAsync("/api/imports", Upload())).StatusCode,
            (await client.GetAsync($"/api/workspaces/{workspaceId}/apikeys")).StatusCode,
            (await client.GetAsync($"/api/workspaces/{workspaceId}/users")).StatusCode,
        }.Select(s => (int)s);

        statuses.ShouldBe([communities, members, import, keys, users]);
    }

    [Fact]
    public async Task A_manager_hands_out_keys_up_to_manager_but_never_admin()
    {
        await using var host = await TestWebHost.StartAsync();
        host.Import("alpha", WebData.Alpha(_files));
        var (workspaceId, _) = await IdsAsync(host);
        var manager = host.Client(await host.KeyAsync("alpha", Role.Manager));

        var operatorKey = await manager.PostAsJsonAsync($"/api/workspaces/{workspaceId}/apikeys", new { name = "ci", role = "operator" });
        var adminKey = await manager.PostAsJsonAsync($"/api/workspaces/{workspaceId}/apikeys", new { name = "root", role = "admin" });
        var badRole = await manager.PostAsJsonAsync($"/api/workspaces/{workspaceId}/apikeys", new { role = "owner" });

        operatorKey.StatusCode.ShouldBe(HttpStatusCode.Created);
        var secret = (await operatorKey.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString()!;
        (await host.Client(secret).GetAsync("/api/communities")).StatusCode.ShouldBe(HttpStatusCode.OK);
        adminKey.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        badRole.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await badRole.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("role")[0].GetString().ShouldStartWith("expected one of");
        var listed = await manager.GetFromJsonAsync<JsonElement>($"/api/workspaces/{workspaceId}/apikeys");
        listed.GetRawText().ShouldNotContain(secret);
    }

    [Fact]
    public async Task A_viewer_signed_in_to_the_dashboard_sees_communities_but_not_members()
    {
        await using var host = await TestWebHost.StartAsync();
        host.Import("alpha", WebData.Alpha(_files));
        var (_, communityId) = await IdsAsync(host);
        await host.AddUserAsync("vic@example.com", Role.Viewer, "alpha");
        var viewer = await host.SignInAsync("vic@example.com", "password-of-vic@example.com");

        var community = await viewer.Http.GetStringAsync($"/communities/{communityId}");
        var members = await viewer.Http.GetAsync($"/communities/{communityId}/members");

        community.ShouldContain("Coffee Club");
        community.ShouldNotContain("community-members-link");
        community.ShouldNotContain("href=\"/imports\"");
        members.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await members.Content.ReadAsStringAsync()).ShouldContain("Your role does not allow this");
    }

    private static MultipartFormDataContent Upload()
    {
        var content = new MultipartFormDataContent();
        content.Add(new ByteArrayContent(Encoding.UTF8.GetBytes(WebData.Join("r1", "Role Room", "r", "R", "2026-02-01T00:00:00Z") + "\n")), "files", "roles.jsonl");
        return content;
    }

    private static async Task<(long WorkspaceId, long CommunityId)> IdsAsync(TestWebHost host)
    {
        await using var db = host.Store.CreateDbContext();
        var community = await db.Communities.SingleAsync(c => c.SourceId == "c1");
        return (community.WorkspaceId, community.Id);
    }

    public void Dispose() => _files.Dispose();
}
