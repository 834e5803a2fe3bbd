using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Html.Parser;
using CommunityOps.Accounts;
using CommunityOps.Storage;
using CommunityOps.Tests.Infra;
using Microsoft.EntityFrameworkCore;

namespace CommunityOps.Tests.Web;

/// <summary>Member tags: per workspace, put on and taken off members, a filter of the member lists.</summary>
public sealed class MemberTagsSpecs : IDisposable
{
    private readonly TempFiles _files = new();

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Operators_tag_members_and_the_members_list_filters_by_tag(string provider)
    {
        await using var host = await TestWebHost.StartAsync(provider);
        host.Import("alpha", WebData.Alpha(_files));
        var ids = await IdsAsync(host);
        var op = host.Client(await host.KeyAsync("alpha", Role.Operator));

        var first = await op.PostAsJsonAsync($"/api/members/{ids.Xiaoming}/tags", new { name = "  VIP  " });
        var again = await op.PostAsJsonAsync($"/api/members/{ids.Xiaoming}/tags", new { name = "vip" });
        await op.PostAsJsonAsync($"/api/members/{ids.Script}/tags", new { name = "ＶＩＰ" });
        await op.PostAsJsonAsync($"/api/members/{ids.Script}/tags", new { name = "设计师" });

        first.StatusCode.ShouldBe(HttpStatusCode.OK);
        var tags = (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("tags");
        tags.EnumerateArray().Select(t => t.GetProperty("name").GetString()).ShouldBe(["VIP"]);
        var vipId = tags[0].GetProperty("id").GetInt64();
        var workspaceTags = await op.GetFromJsonAsync<JsonElement>($"/api/workspaces/{ids.Workspace}/tags");
        workspaceTags.EnumerateArray().Select(t => (t.GetProperty("name").GetString(), t.GetProperty("members").GetInt64())).ShouldBe([("VIP", 2L), ("设计师", 1L)]);
        workspaceTags[0].GetProperty("created_by").GetString().ShouldStartWith("apikey:");

        var vip = await op.GetFromJsonAsync<JsonElement>($"/api/communities/{ids.Coffee}/members?tag=vip");
        vip.GetProperty("total").GetInt64().ShouldBe(2);
        vip.GetProperty("items").EnumerateArray().Select(m => m.GetProperty("id").GetInt64()).ShouldBe([ids.Script, ids.Xiaoming], ignoreOrder: true);
        var both = vip.GetProperty("items").EnumerateArray().Single(m => m.GetProperty("id").GetInt64() == ids.Script);
        both.GetProperty("tags").EnumerateArray().Select(t => t.GetProperty("name").GetString()).ShouldBe(["VIP", "设计师"]);
        (await op.GetFromJsonAsync<JsonElement>($"/api/communities/{ids.Coffee}/members?tag=VIP&q=%E5%B0%8F")).GetProperty("total").GetInt64().ShouldBe(1);
        (await op.GetFromJsonAsync<JsonElement>($"/api/communities/{ids.Coffee}/members?tag=VIP&staff=true")).GetProperty("total").GetInt64().ShouldBe(0);
        (await op.GetFromJsonAsync<JsonElement>($"/api/communities/{ids.Coffee}/members?tag=nobody")).GetProperty("total").GetInt64().ShouldBe(0);
        // With a layer, the list is the engine's: the tag narrows it the same way.
        var layered = await op.GetFromJsonAsync<JsonElement>($"/api/communities/{ids.Coffee}/members?tag=VIP&layer=new");
        var newOnes = await op.GetFromJsonAsync<JsonElement>($"/api/communities/{ids.Coffee}/members?layer=new&limit=500");
        var expected = newOnes.GetProperty("items").EnumerateArray().Select(m => m.GetProperty("id").GetInt64()).Where(id => id == ids.Script || id == ids.Xiaoming).ToList();
        layered.GetProperty("items").EnumerateArray().Select(m => m.GetProperty("id").GetInt64()).ShouldBe(expected, ignoreOrder: true);
        layered.GetProperty("items").EnumerateArray().ShouldAllBe(m => m.GetProperty("tags").GetArrayLength() > 0);

        var profile = await op.GetFromJsonAsync<JsonElement>($"/api/members/{ids.Xiaoming}");
        profile.GetProperty("tags").EnumerateArray().Select(t => t.GetProperty("name").GetString()).ShouldBe(["VIP"]);
        (await op.DeleteAsync($"/api/members/{ids.Xiaoming}/tags/{vipId}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await op.DeleteAsync($"/api/members/{ids.Xiaoming}/tags/{vipId}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await op.GetFromJsonAsync<JsonElement>($"/api/members/{ids.Xiaoming}/tags")).GetProperty("tags").GetArrayLength().ShouldBe(0);
        (await op.GetFromJsonAsync<JsonElement>($"/api/communities/{ids.Coffee}/members?tag=VIP")).GetProperty("total").GetInt64().ShouldBe(1);
    }

    [Theory]
    // The role, then the status of: listing tags, tagging a member, untagging, deleting the workspace's tag.
    [InlineData("viewer", 403, 403, 403, 403)]
    [InlineData("inspector", 200, 403, 403, 403)]
    [InlineData("operator", 200, 200, 204, 403)]
    [InlineData("manager", 200, 200, 204, 204)]
    [InlineData("admin", 200, 200, 204, 204)]
    public async Task Who_may_see_and_change_tags_follows_the_role_matrix(string role, int list, int tag, int untag, int delete)
    {
        await using var host = await TestWebHost.StartAsync();
        host.Import("alpha", WebData.Alpha(_files));
        var ids = await IdsAsync(host);
        var admin = host.Client(await host.KeyAsync("alpha", Role.Admin));
        var tagId = await TagAsync(admin, ids.Xiaoming, "VIP");
        await TagAsync(admin, ids.Script, "VIP");
        var client = host.Client(await host.KeyAsync("alpha", Roles.Parse(role)));

        var statuses = new[]
        {
            (await client.GetAsync($"/api/workspaces/{ids.Workspace}/tags")).StatusCode,
            (await client.PostAsJsonAsync($"/api/members/{ids.Script}/tags", new { name = "regular" })).StatusCode,
            (await client.DeleteAsync($"/api/members/{ids.Xiaoming}/tags/{tagId}")).StatusCode,
            (await client.DeleteAsync($"/api/workspaces/{ids.Workspace}/tags/{tagId}")).StatusCode,
        }.Select(s => (int)s);

        statuses.ShouldBe([list, tag, untag, delete]);
        await using var db = host.Store.CreateDbContext();
        // A deleted tag is gone from every member; one that stays keeps the members nobody untagged.
        (await db.MemberTags.CountAsync(m => m.TagId == tagId)).ShouldBe(delete == 204 ? 0 : untag == 204 ? 1 : 2);
    }

    [Theory]
    [InlineData("")]
    [InlineData("a,b")]
    [InlineData("V\u200BIP")]
    [InlineData("an exceedingly long tag name of over forty characters")]
    public async Task A_bad_tag_name_is_a_400_naming_the_field(string name)
    {
        await using var host = await TestWebHost.StartAsync();
        host.Import("alpha", WebData.Alpha(_files));
        var ids = await IdsAsync(host);
        var op = host.Client(await host.KeyAsync("alpha", Role.Operator));

        var assign = await op.PostAsJsonAsync($"/api/members/{ids.Xiaoming}/tags", new { name });
        var create = await op.PostAsJsonAsync($"/api/workspaces/{ids.Workspace}/tags", new { name });
        var filter = name.Length == 0 ? null : await op.GetAsync($"/api/communities/{ids.Coffee}/members?tag={Uri.EscapeDataString(name)}");

        foreach (var (response, field) in new[] { (assign, "name"), (create, "name"), (filter, "tag") })
        {
            if (response is null)
            {
                continue; // an empty filter is no filter
            }
            response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Single().Name.ShouldBe(field);
        }
        await using var db = host.Store.CreateDbContext();
        (await db.Tags.CountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task On_the_dashboard_an_operator_tags_a_member_and_filters_the_members_page_by_that_tag()
    {
        const string hostileTag = "<b>VIP</b>\"x";
        await using var host = await TestWebHost.StartAsync();
        host.Import("alpha", WebData.Alpha(_files));
        var ids = await IdsAsync(host);
        await host.AddUserAsync("op@example.com", Role.Operator, "alpha");
        await host.AddUserAsync("insp@example.com", Role.Inspector, "alpha");
        var op = await host.SignInAsync("op@example.com", "password-of-op@example.com");
        var inspector = await host.SignInAsync("insp@example.com", "password-of-insp@example.com");

        var added = await op.PostFormAsync($"/members/{ids.Xiaoming}/tags", new() { ["name"] = hostileTag });
        var refused = await op.PostFormAsync($"/members/{ids.Xiaoming}/tags", new() { ["name"] = "a,b" });

        added.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        added.Headers.Location!.ToString().ShouldBe($"/members/{ids.Xiaoming}#member-tags");
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        new HtmlParser().ParseDocument(await refused.Content.ReadAsStringAsync()).QuerySelector("#member-tag-error")!.TextContent.ShouldContain("without commas");
        var member = new HtmlParser().ParseDocument(await op.Http.GetStringAsync($"/members/{ids.Xiaoming}"));
        var badge = member.QuerySelector("#member-tags [data-tag-id]")!;
        badge.QuerySelector(".user-text")!.TextContent.ShouldBe(hostileTag);
        member.QuerySelector("#member-tags b").ShouldBeNull();
        var tagId = badge.GetAttribute("data-tag-id")!;

        var list = new HtmlParser().ParseDocument(await op.Http.GetStringAsync($"/communities/{ids.Coffee}/members?tag={Uri.EscapeDataString(hostileTag)}"));
        list.QuerySelectorAll("#members-table tbody tr").Select(r => r.GetAttribute("data-member-id")).ShouldBe([ids.Xiaoming.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        list.QuerySelector("#tag option[selected]")!.TextContent.ShouldBe(hostileTag);
        list.QuerySelector("#members-xlsx")!.GetAttribute("href")!.ShouldContain("tag=" + Uri.EscapeDataString(hostileTag));
        var csv = await op.Http.GetStringAsync($"/communities/{ids.Coffee}/members.csv?tag={Uri.EscapeDataString(hostileTag)}");
        csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length.ShouldBe(2);
        csv.ShouldContain("小明");

        // An inspector sees the tags but has no form, and a forged post is refused.
        var seen = new HtmlParser().ParseDocument(await inspector.Http.GetStringAsync($"/members/{ids.Xiaoming}"));
        seen.QuerySelector("#member-tags .user-text")!.TextContent.ShouldBe(hostileTag);
        seen.QuerySelector("#member-tag-add").ShouldBeNull();
        seen.QuerySelectorAll("#member-tags form").ShouldBeEmpty();
        (await inspector.PostFormAsync($"/members/{ids.Xiaoming}/tags/{tagId}/remove", new())).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var removed = await op.PostFormAsync($"/members/{ids.Xiaoming}/tags/{tagId}/remove", new());
        removed.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        new HtmlParser().ParseDocument(await op.Http.GetStringAsync($"/members/{ids.Xiaoming}")).QuerySelector("#member-no-tags").ShouldNotBeNull();
    }

    [Fact]
    public async Task The_tag_endpoints_are_in_the_OpenAPI_document()
    {
        await using var host = await TestWebHost.StartAsync();

        var doc = await host.Client().GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        var paths = doc.GetProperty("paths");
        paths.GetProperty("/api/workspaces/{workspaceId}/tags").EnumerateObject().Select(p => p.Name).ShouldBe(["get", "post"], ignoreOrder: true);
        paths.GetProperty("/api/members/{memberId}/tags/{tagId}").EnumerateObject().Select(p => p.Name).ShouldBe(["delete"]);
        paths.GetProperty("/api/communities/{communityId}/members").GetProperty("get").GetProperty("parameters").EnumerateArray()
            .Select(p => p.GetProperty("name").GetString()).ShouldContain("tag");
    }

    private static async Task<long> TagAsync(HttpClient client, long memberId, string name)
    {
        var response = await client.PostAsJsonAsync($"/api/members/{memberId}/tags", new { name });
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("tags").EnumerateArray()
            .Single(t => t.GetProperty("name").GetString() == name).GetProperty("id").GetInt64();
    }

    private static async Task<(long Workspace, long Coffee, long Xiaoming, long Script)> IdsAsync(TestWebHost host)
    {
        await using var db = host.Store.CreateDbContext();
        var coffee = await db.Communities.SingleAsync(c => c.SourceId == "c1");
        var xiaoming = await db.Members.SingleAsync(m => m.SourceId == "u2" && m.CommunityId == coffee.Id);
        var script = await db.Members.SingleAsync(m => m.SourceId == "u3" && m.CommunityId == coffee.Id);
        return (coffee.WorkspaceId, coffee.Id, xiaoming.Id, script.Id);
    }

    public void Dispose() => _files.Dispose();
}
