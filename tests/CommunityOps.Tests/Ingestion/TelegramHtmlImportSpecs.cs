using CommunityOps.Ingestion;
using CommunityOps.Messages;
using CommunityOps.Tests.Infra;
using Microsoft.EntityFrameworkCore;
using static CommunityOps.Tests.Ingestion.TelegramHtmlFixtures;

namespace CommunityOps.Tests.Ingestion;

public sealed class TelegramHtmlImportSpecs : IDisposable
{
    private readonly TempFiles _files = new();

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task The_HTML_and_JSON_exports_of_one_chat_give_the_same_members_counts_and_instants(string provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var json = SharedData.Path("exports", "telegram-small", "result.json");
        var html = SharedData.Path("exports", "telegram-small", "messages.html");

        // Two workspaces keep them apart: in one they would be one community (TelegramHtmlJsonMergeSpecs).
        new ImportService(store.Store).Import([json], new ImportOptions { Workspace = "json" }).Format.ShouldBe("telegram");
        new ImportService(store.Store).Import([html], new ImportOptions { Workspace = "html" }).Format.ShouldBe("telegram-html");

        await using var db = store.Store.CreateDbContext();
        var fromJson = await db.Communities.SingleAsync(c => c.SourceId == "123456789");
        var fromHtml = await db.Communities.SingleAsync(c => c.SourceId == "name:Test 2022");
        fromHtml.Name.ShouldBe(fromJson.Name);

        // The sample's two files disagree on one name in "created group ... with members": "User 2" in JSON, "User 1" in HTML.
        static string SameSample(string s) => s.Replace("User 2", "User 1", StringComparison.Ordinal);
        async Task<List<string>> Names(long community) =>
            (await db.Members.Where(m => m.CommunityId == community).Select(m => m.DisplayName).ToListAsync()).Select(SameSample).Order(StringComparer.Ordinal).ToList();
        (await Names(fromHtml.Id)).ShouldBe(await Names(fromJson.Id));

        async Task<List<string>> Messages(long community) => await db.Activities
            .Where(a => a.CommunityId == community && a.Kind == ActivityKind.Message)
            .OrderBy(a => a.SourceId)
            .Select(a => a.SourceId + " " + a.OccurredAt.ToUnixTimeMilliseconds() + " " + a.MediaKind)
            .ToListAsync();
        (await Messages(fromHtml.Id)).ShouldBe(await Messages(fromJson.Id));
        (await Messages(fromHtml.Id)).Count.ShouldBe(8);

        async Task<List<string>> Senders(long community) => await db.Activities
            .Where(a => a.CommunityId == community && a.Kind == ActivityKind.Message)
            .Join(db.Members, a => a.MemberId, m => m.Id, (a, m) => new { a.SourceId, m.DisplayName })
            .OrderBy(x => x.SourceId).Select(x => x.DisplayName).ToListAsync();
        (await Senders(fromHtml.Id)).ShouldBe(await Senders(fromJson.Id));

        async Task<List<string>> Memberships(long community) => (await db.Activities
            .Where(a => a.CommunityId == community && a.Kind != ActivityKind.Message)
            .Select(a => new { a.Kind, a.SourceId }).ToListAsync()).Select(a => SameSample($"{a.Kind} {a.SourceId}")).Order(StringComparer.Ordinal).ToList();
        (await Memberships(fromHtml.Id)).ShouldBe(await Memberships(fromJson.Id));
        (await Memberships(fromHtml.Id)).Count.ShouldBe(5);
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Continued_senders_carry_across_pages_and_service_sentences_become_joins_and_leaves(string provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var page1 = Page(string.Join("\n",
            Service(-1, "5 January 2026"),
            Service(10, "Ann invited Bo, Cy and Deleted Account"),
            Default(11, "05.01.2026 20:31:00 UTC+08:00", "Ann", Text("hello <a href=\"https://t.me/bo\">@bo</a><br>and <strong>all</strong>")),
            Default(12, "05.01.2026 20:32:00 UTC+08:00", null, Text("still Ann")),
            Service(13, "Cy removed Cy")));
        var page2 = Page(string.Join("\n",
            Default(14, "05.01.2026 20:40:00 UTC+08:00", null, Text("Ann on the next page")),
            Default(15, "05.01.2026 20:41:00 UTC+08:00", "Bo via @gif", """
                       <div class="reply_to details">
                In reply to <a href="messages.html#go_to_message11" onclick="return GoToMessage(11)">this message</a>
                       </div>
                       <div class="media_wrap clearfix">
                        <a class="animated_wrap clearfix pull_left" href="video_files/a.mp4"></a>
                       </div>
                """),
            Default(16, "05.01.2026 20:42:00 UTC+08:00", "Bo", """
                       <div class="forwarded body">
                        <div class="from_name">
                Zed <span class="date details" title="01.01.2026 10:00:00 UTC+08:00"> 01.01.2026 10:00:00</span>
                        </div>
                        <div class="text">
                forwarded words
                        </div>
                       </div>
                """),
            Service(17, "Ann removed Bo"),
            Service(18, "Eve joined group by link from Ann")));
        _files.Write("chat/messages2.html", page2);
        _files.Write("chat/messages.html", page1);

        var summary = new ImportService(store.Store).Import([_files.Path("chat")], new ImportOptions());

        (summary.Format, summary.Communities, summary.Messages, summary.Joins, summary.Leaves).ShouldBe(("telegram-html", 1, 5L, 4L, 2L));
        await using var db = store.Store.CreateDbContext();
        (await db.Communities.SingleAsync()).SourceId.ShouldBe("name:Night & Day");
        var names = await db.Members.ToDictionaryAsync(m => m.Id, m => m.SourceId);
        var rows = (await db.Activities.ToListAsync()).OrderBy(a => a.SourceId, StringComparer.Ordinal).ToList();
        var messages = rows.Where(a => a.Kind == ActivityKind.Message).ToList();
        messages.Select(a => names[a.MemberId]).ShouldBe(["name:Ann", "name:Ann", "name:Ann", "name:Bo", "name:Bo"]);
        messages[0].Text.ShouldBe("hello @bo\nand all");
        messages[0].Mentions.ShouldBe(1);
        messages[0].OccurredAt.ShouldBe(DateTimeOffset.Parse("2026-01-05T12:31:00Z", System.Globalization.CultureInfo.InvariantCulture));
        (messages[3].ReplyTo, messages[3].MediaKind).ShouldBe(("11", "animation"));
        messages[4].Text.ShouldBe("forwarded words");
        var memberships = rows.Where(a => a.Kind != ActivityKind.Message)
            .Select(a => $"{a.Kind} {a.SourceId} {names[a.MemberId]} by {(a.RelatedMemberId is { } r ? names[r] : "-")} at {a.OccurredAt.ToUnixTimeMilliseconds()}");
        var day = DateTimeOffset.Parse("2026-01-05T00:00:00+08:00", System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeMilliseconds();
        var at1232 = DateTimeOffset.Parse("2026-01-05T12:32:00Z", System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeMilliseconds();
        var at1242 = DateTimeOffset.Parse("2026-01-05T12:42:00Z", System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeMilliseconds();
        memberships.ShouldBe([
            $"Join 10:Bo name:Bo by name:Ann at {day}",
            $"Join 10:Cy name:Cy by name:Ann at {day}",
            $"Join 10:Deleted Account name:Deleted Account by name:Ann at {day}",
            $"Leave 13:Cy name:Cy by - at {at1232}",
            $"Leave 17:Bo name:Bo by name:Ann at {at1242}",
            $"Join 18:name:Eve name:Eve by name:Ann at {at1242}",
        ]);
    }

    [Fact]
    public async Task A_time_that_is_not_Telegram_s_names_the_field_and_line()
    {
        await using var store = await TestStore.CreateAsync("sqlite");
        var page = Page(Default(11, "yesterday", "Ann", Text("hi")));
        var path = _files.Write("messages.html", page);

        var error = Should.Throw<ImportException>(() => new ImportService(store.Store).Import([path], new ImportOptions()));

        var line = page[..page.IndexOf("id=\"message11\"", StringComparison.Ordinal)].Split('\n').Length;
        error.Message.ShouldBe($"{path}:{line}: field 'date': 'yesterday' is not a Telegram time (16.03.2022 19:24:40 UTC+03:00)");
    }

    public void Dispose() => _files.Dispose();
}
