using System.Globalization;
using CommunityOps.Ingestion;
using CommunityOps.Messages;
using CommunityOps.Tests.Infra;
using Microsoft.EntityFrameworkCore;
using static CommunityOps.Tests.Ingestion.TelegramFixtures;
using static CommunityOps.Tests.Ingestion.TelegramHtmlFixtures;

namespace CommunityOps.Tests.Ingestion;

/// <summary>
/// The JSON and the HTML export of one Telegram chat, imported in either order, separately or together:
/// one community, each message once, each person once.
/// </summary>
public sealed class TelegramHtmlJsonMergeSpecs : IDisposable
{
    private readonly TempFiles _files = new();

    public static TheoryData<string, string> OrdersOnEachProvider()
    {
        var data = new TheoryData<string, string>();
        foreach (string provider in TestStore.Providers)
        {
            foreach (var order in new[] { "json then html", "html then json", "both at once" })
            {
                data.Add(provider, order);
            }
        }
        return data;
    }

    private static string JsonService(long id, long unix, string actor, string actorId, string action, string rest) => $$"""
          {
           "id": {{id}},
           "type": "service",
           "date": "{{DateTimeOffset.FromUnixTimeSeconds(unix).UtcDateTime:yyyy-MM-ddTHH:mm:ss}}",
           "date_unixtime": "{{unix}}",
           "actor": "{{actor}}",
           "actor_id": "{{actorId}}",
           "action": "{{action}}",{{rest}}
           "text": ""
          }
        """;

    private static string HtmlTime(long unix) =>
        DateTimeOffset.FromUnixTimeSeconds(unix).UtcDateTime.ToString("dd.MM.yyyy HH:mm:ss", CultureInfo.InvariantCulture) + " UTC+00:00";

    /// <summary>One chat: Ann invites Bo, both talk, Cy joins by Ann's link and talks, Bo leaves.</summary>
    private (string Json, string Html) Chat()
    {
        var json = _files.Write("json/result.json", TelegramFixtures.Chat(string.Join(",\n",
            JsonService(1, T0, "Ann", "user1", "invite_members", "\n   \"members\": [\"Bo\"],"),
            Message(2, "Ann", "user1", T0 + 60, "hi"),
            Message(3, "Bo", "user2", T0 + 120, "hello"),
            JsonService(4, T0 + 180, "Cy", "user3", "join_group_by_link", "\n   \"inviter\": \"Ann\","),
            Message(5, "Cy", "user3", T0 + 240, "hey"),
            JsonService(6, T0 + 300, "Bo", "user2", "remove_members", "\n   \"members\": [\"Bo\"],"))));
        var html = _files.Write("html/messages.html", Page(string.Join("\n",
            Service(-1, "14 November 2023"),
            Service(1, "Ann invited Bo"),
            Default(2, HtmlTime(T0 + 60), "Ann", Text("hi")),
            Default(3, HtmlTime(T0 + 120), "Bo", Text("hello")),
            Service(4, "Cy joined group by link from Ann"),
            Default(5, HtmlTime(T0 + 240), "Cy", Text("hey")),
            Service(6, "Bo removed Bo")), title: "Coffee Club"));
        return (json, html);
    }

    private static void Import(ImportService service, string order, string json, string html)
    {
        switch (order)
        {
            case "json then html":
                service.Import([json], new ImportOptions());
                service.Import([html], new ImportOptions());
                break;
            case "html then json":
                service.Import([html], new ImportOptions());
                service.Import([json], new ImportOptions());
                break;
            default:
                service.Import([html, json], new ImportOptions());
                break;
        }
    }

    [Theory]
    [MemberData(nameof(OrdersOnEachProvider))]
    public async Task The_HTML_and_JSON_exports_of_a_chat_store_each_message_and_member_once(string provider, string order)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var (json, html) = Chat();
        var service = new ImportService(store.Store);

        Import(service, order, json, html);

        await using var db = store.Store.CreateDbContext();
        var community = await db.Communities.SingleAsync();
        (community.SourceId, community.Name).ShouldBe(("777", "Coffee Club"));
        var members = await db.Members.OrderBy(m => m.SourceId).Select(m => m.SourceId + "=" + m.DisplayName).ToListAsync();
        members.ShouldBe(["user1=Ann", "user2=Bo", "user3=Cy"]);
        var keys = await db.Members.ToDictionaryAsync(m => m.Id, m => m.SourceId);
        var rows = (await db.Activities.ToListAsync()).OrderBy(a => a.SourceId, StringComparer.Ordinal)
            .Select(a => $"{a.Kind} {a.SourceId} {keys[a.MemberId]}{(a.RelatedMemberId is { } r ? " by " + keys[r] : "")}");
        rows.ShouldBe([
            "Join 1:Bo user2 by user1",
            "Message 2 user1",
            "Message 3 user2",
            "Join 4:user3 user3 by user1",
            "Message 5 user3",
            "Leave 6:Bo user2",
        ]);

        // Both exports again, in one call: nothing new.
        var again = service.Import([json, html], new ImportOptions());
        (again.Communities, again.Members, again.Messages, again.Joins, again.Leaves, again.Duplicates).ShouldBe((0, 0, 0L, 0L, 0L, 12L));
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task The_real_pair_meets_in_one_community_whichever_comes_first(string provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var json = SharedData.Path("exports", "telegram-small", "result.json");
        var html = SharedData.Path("exports", "telegram-small", "messages.html");
        var moscow = new ImportOptions { TimeZone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Moscow") };
        var service = new ImportService(store.Store);

        var fromHtml = service.Import([html], moscow);
        var fromJson = service.Import([json], moscow);

        (fromHtml.Communities, fromHtml.Members, fromHtml.Messages).ShouldBe((1, 4, 8L));
        // The JSON gives ids to the HTML's people and adds nothing but the one name the sample's files disagree on.
        (fromJson.Communities, fromJson.Members, fromJson.Messages, fromJson.Duplicates).ShouldBe((0, 1, 0L, 12L));
        await using var db = store.Store.CreateDbContext();
        (await db.Communities.SingleAsync()).SourceId.ShouldBe("123456789");
        var members = await db.Members.OrderBy(m => m.SourceId).Select(m => m.SourceId).ToListAsync();
        // "created group ... with members": "User 1" in the HTML, "User 2" in the JSON.
        members.ShouldBe(["name:RoboTeam Digital", "name:User 1", "name:User 2", "user123456789", "user460693903"]);
        (await store.CountAsync(ActivityKind.Message)).ShouldBe(8);
        var leave = await db.Activities.SingleAsync(a => a.Kind == ActivityKind.Leave);
        (await db.Members.SingleAsync(m => m.Id == leave.MemberId)).SourceId.ShouldBe("user460693903");
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task An_HTML_title_shared_by_two_chats_with_ids_stays_a_community_of_its_own(string provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var service = new ImportService(store.Store);
        service.Import([_files.Write("a/result.json", TelegramFixtures.Chat(Message(1, "Ann", "user1", T0), id: 1))], new ImportOptions());
        service.Import([_files.Write("b/result.json", TelegramFixtures.Chat(Message(1, "Bo", "user2", T0), id: 2))], new ImportOptions());

        var summary = service.Import([_files.Write("c/messages.html", Page(Default(1, HtmlTime(T0), "Ann", Text("hi")), title: "Coffee Club"))], new ImportOptions());

        summary.Communities.ShouldBe(1);
        summary.Warnings.ShouldBe(["telegram chats named 'Coffee Club': 2 with different ids, so an export without ids cannot tell which; imported as a community of its own"]);
        await using var db = store.Store.CreateDbContext();
        (await db.Communities.OrderBy(c => c.SourceId).Select(c => c.SourceId).ToListAsync()).ShouldBe(["1", "2", "name:Coffee Club"]);
    }

    public void Dispose() => _files.Dispose();
}
