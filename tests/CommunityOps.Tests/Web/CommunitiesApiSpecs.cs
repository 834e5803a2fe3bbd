using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CommunityOps.Accounts;
using CommunityOps.Tests.Infra;
using Microsoft.EntityFrameworkCore;

namespace CommunityOps.Tests.Web;

public sealed class CommunitiesApiSpecs : IDisposable
{
    private readonly TempFiles _files = new();

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task The_communities_list_has_each_communitys_totals_and_the_workspace_sums(string provider)
    {
        await using var host = await TestWebHost.StartAsync(provider);
        host.Import("alpha", WebData.Alpha(_files));
        var client = host.Client(await host.KeyAsync("alpha", Role.Viewer));

        var body = await client.GetFromJsonAsync<JsonElement>("/api/communities?sort=messages&desc=true");

        body.GetProperty("workspace").GetProperty("name").GetString().ShouldBe("alpha");
        var list = body.GetProperty("communities").EnumerateArray().ToList();
        list.Select(c => c.GetProperty("name").GetString()).ShouldBe(["Coffee Club", WebData.HostileCommunity]);
        var coffee = list[0];
        (coffee.GetProperty("members").GetInt64(), coffee.GetProperty("staff").GetInt64(), coffee.GetProperty("messages").GetInt64(),
            coffee.GetProperty("joins").GetInt64(), coffee.GetProperty("leaves").GetInt64()).ShouldBe((6L, 1L, 6L, 7L, 1L));
        coffee.GetProperty("first_activity").GetDateTimeOffset().ShouldBe(DateTimeOffset.Parse("2026-02-01T01:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        coffee.GetProperty("last_activity").GetDateTimeOffset().ShouldBe(DateTimeOffset.Parse("2026-02-07T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var sums = body.GetProperty("totals");
        (sums.GetProperty("communities").GetInt32(), sums.GetProperty("messages").GetInt64(), sums.GetProperty("joins").GetInt64()).ShouldBe((2, 7L, 8L));
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Totals_follow_every_import_even_one_that_only_changes_who_is_staff(string provider)
    {
        await using var host = await TestWebHost.StartAsync(provider);
        host.Import("alpha", WebData.Alpha(_files));
        var communityId = await CommunityIdAsync(host, "c1");
        var client = host.Client(await host.KeyAsync("alpha", Role.Viewer));
        var before = (await client.GetFromJsonAsync<JsonElement>($"/api/communities/{communityId}")).GetProperty("community");

        host.Import("alpha", _files.Write("more.jsonl", WebData.Message("c1", "m99", "u2", "2026-02-08T08:00:00+08:00", "again") + "\n"));
        var afterMessage = (await client.GetFromJsonAsync<JsonElement>($"/api/communities/{communityId}")).GetProperty("community");
        host.Import("alpha", _files.Write("staff.jsonl", WebData.Join("c1", "Coffee Club", "u2", "小明", "2026-02-01T10:00:00+08:00", staff: true) + "\n"));
        var afterStaff = (await client.GetFromJsonAsync<JsonElement>("/api/communities")).GetProperty("communities").EnumerateArray().Single(c => c.GetProperty("id").GetInt64() == communityId);

        (before.GetProperty("messages").GetInt64(), afterMessage.GetProperty("messages").GetInt64()).ShouldBe((6L, 7L));
        (afterMessage.GetProperty("staff").GetInt64(), afterStaff.GetProperty("staff").GetInt64()).ShouldBe((1L, 2L));
    }

    [Fact]
    public async Task The_list_filters_by_name_and_a_bad_sort_key_is_a_400_naming_the_field()
    {
        await using var host = await TestWebHost.StartAsync();
        host.Import("alpha", WebData.Alpha(_files));
        var client = host.Client(await host.KeyAsync("alpha", Role.Viewer));

        var filtered = await client.GetFromJsonAsync<JsonElement>("/api/communities?q=coffee");
        var badSort = await client.GetAsync("/api/communities?sort=size");
        var badType = await client.GetAsync("/api/communities?desc=maybe");

        filtered.GetProperty("communities").GetArrayLength().ShouldBe(1);
        badSort.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await badSort.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("sort")[0].GetString()!.ShouldStartWith("expected one of: name,");
        badType.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await badType.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Single().Name.ShouldBe("desc");
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Members_are_searched_by_name_filtered_by_staff_and_paged(string provider)
    {
        await using var host = await TestWebHost.StartAsync(provider);
        host.Import("alpha", WebData.Alpha(_files));
        var communityId = await CommunityIdAsync(host, "c1");
        var client = host.Client(await host.KeyAsync("alpha", Role.Inspector));

        var all = await client.GetFromJsonAsync<JsonElement>($"/api/communities/{communityId}/members?limit=4");
        var second = await client.GetFromJsonAsync<JsonElement>($"/api/communities/{communityId}/members?limit=4&page=2");
        var byName = await client.GetFromJsonAsync<JsonElement>($"/api/communities/{communityId}/members?q=%E5%B0%8F");
        var percent = await client.GetFromJsonAsync<JsonElement>($"/api/communities/{communityId}/members?q=%25");
        var staff = await client.GetFromJsonAsync<JsonElement>($"/api/communities/{communityId}/members?staff=true");
        var badPage = await client.GetAsync($"/api/communities/{communityId}/members?page=0");

        all.GetProperty("total").GetInt64().ShouldBe(7);
        all.GetProperty("items").GetArrayLength().ShouldBe(4);
        second.GetProperty("items").GetArrayLength().ShouldBe(3);
        all.GetProperty("items").EnumerateArray().Concat(second.GetProperty("items").EnumerateArray()).Select(m => m.GetProperty("id").GetInt64()).Distinct().Count().ShouldBe(7);
        var xiaoming = byName.GetProperty("items").EnumerateArray().Single();
        (xiaoming.GetProperty("display_name").GetString(), xiaoming.GetProperty("messages").GetInt64()).ShouldBe(("小明", 2L));
        percent.GetProperty("total").GetInt64().ShouldBe(0);
        staff.GetProperty("items").EnumerateArray().Select(m => m.GetProperty("display_name").GetString()).ShouldBe(["Ann"]);
        badPage.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await badPage.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("page")[0].GetString().ShouldBe("must be 1 or more");
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task A_member_profile_has_totals_and_a_timeline_paged_newest_first(string provider)
    {
        await using var host = await TestWebHost.StartAsync(provider);
        host.Import("alpha", WebData.Alpha(_files));
        await using var db = host.Store.CreateDbContext();
        var xiaoming = await db.Members.SingleAsync(m => m.DisplayName == "小明");
        var client = host.Client(await host.KeyAsync("alpha", Role.Operator));

        var profile = await client.GetFromJsonAsync<JsonElement>($"/api/members/{xiaoming.Id}");
        var page1 = await client.GetFromJsonAsync<JsonElement>($"/api/members/{xiaoming.Id}/timeline?limit=2");
        var page2 = await client.GetFromJsonAsync<JsonElement>($"/api/members/{xiaoming.Id}/timeline?limit=2&before={Uri.EscapeDataString(page1.GetProperty("next").GetString()!)}");
        var messages = await client.GetFromJsonAsync<JsonElement>($"/api/members/{xiaoming.Id}/timeline?kind=message");
        var badKind = await client.GetAsync($"/api/members/{xiaoming.Id}/timeline?kind=poll");
        var badCursor = await client.GetAsync($"/api/members/{xiaoming.Id}/timeline?before=yesterday");

        (profile.GetProperty("community").GetString(), profile.GetProperty("messages").GetInt64(), profile.GetProperty("joins").GetInt64()).ShouldBe(("Coffee Club", 2L, 1L));
        page1.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("text").GetString()).ShouldBe(["早上好", "你好！"]);
        page2.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("kind").GetString()).ShouldBe(["join"]);
        page2.GetProperty("next").ValueKind.ShouldBe(JsonValueKind.Null);
        messages.GetProperty("items").GetArrayLength().ShouldBe(2);
        messages.GetProperty("items")[0].GetProperty("channel").GetString().ShouldBe("general");
        badKind.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        badCursor.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await badCursor.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("before").GetArrayLength().ShouldBe(1);
    }

    [Fact]
    public async Task A_workspaces_list_shows_the_callers_workspaces_with_their_role()
    {
        await using var host = await TestWebHost.StartAsync();
        await host.AddUserAsync("two@example.com", Role.Viewer, "one");
        await host.AddUserAsync("two@example.com", Role.Operator, "two");
        await host.AddUserAsync("other@example.com", Role.Admin, "three");
        var user = await host.SignInAsync("two@example.com", "password-of-two@example.com");

        var list = await user.Http.GetFromJsonAsync<JsonElement>("/api/workspaces");

        list.EnumerateArray().Select(w => (w.GetProperty("name").GetString(), w.GetProperty("role").GetString())).ShouldBe([("one", "viewer"), ("two", "operator")]);
    }

    private static async Task<long> CommunityIdAsync(TestWebHost host, string sourceId)
    {
        await using var db = host.Store.CreateDbContext();
        return (await db.Communities.SingleAsync(c => c.SourceId == sourceId)).Id;
    }

    public void Dispose() => _files.Dispose();
}
