using System.Globalization;
using CommunityOps.Ingestion;
using CommunityOps.Messages;
using CommunityOps.Tests.Infra;
using Microsoft.EntityFrameworkCore;

namespace CommunityOps.Tests.Ingestion;

public sealed class WeChatImportSpecs : IDisposable
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
    private readonly TempFiles _files = new();

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task I_can_import_a_MemoTrace_CSV_twice_without_duplicates(string provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var path = _files.Write("聊天记录/Coffee Club/Coffee Club_utf8.csv", WeChatFixtures.MemoTrace);
        var service = new ImportService(store.Store);

        var first = service.Import([path], new ImportOptions());
        var second = service.Import([path], new ImportOptions());

        first.Format.ShouldBe("wechat");
        (first.Communities, first.Members, first.Messages, first.Joins, first.Leaves).ShouldBe((1, 5, 6L, 3L, 2L));
        (second.Members, second.Messages, second.Duplicates).ShouldBe((0, 0L, 11L));
        await using var db = store.Store.CreateDbContext();
        var community = await db.Communities.SingleAsync();
        (community.Platform, community.SourceId, community.Name).ShouldBe(("wechat", "talker:7", "Coffee Club"));
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task MemoTrace_notices_become_joins_and_removals_of_the_named_members(string provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        new ImportService(store.Store).Import([_files.Write("Coffee Club_utf8.csv", WeChatFixtures.MemoTrace)], new ImportOptions());

        await using var db = store.Store.CreateDbContext();
        var members = await db.Members.ToDictionaryAsync(m => m.SourceId);
        members.Keys.Order(StringComparer.Ordinal).ShouldBe(["name:小红", "wxid_an", "wxid_bo", "wxid_carl", "wxid_me"]);
        (members["wxid_an"].DisplayName, members["wxid_bo"].DisplayName, members["name:小红"].DisplayName).ShouldBe(("阿安", "Bo", "小红"));
        var joins = await db.Activities.Where(a => a.Kind == ActivityKind.Join).OrderBy(a => a.SourceId).ToListAsync();
        joins.Select(j => (j.SourceId, j.MemberId, j.RelatedMemberId)).ShouldBe([
            ("1:1767574800:name:小红", members["name:小红"].Id, members["wxid_an"].Id),
            ("1:1767574800:wxid_bo", members["wxid_bo"].Id, members["wxid_an"].Id),
            ("7:1767575300:wxid_carl", members["wxid_carl"].Id, members["wxid_an"].Id), // Carl speaks only later
        ]);
        var leaves = await db.Activities.Where(a => a.Kind == ActivityKind.Leave).OrderBy(a => a.SourceId).ToListAsync();
        leaves.Select(l => (l.MemberId, l.RelatedMemberId)).ShouldBe([
            (members["wxid_carl"].Id, members["wxid_an"].Id),
            (members["name:小红"].Id, members["wxid_me"].Id),
        ]);
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task MemoTrace_messages_take_their_instant_from_CreateTime_and_their_kind_from_Type(string provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        // StrTime was written in Shanghai; reading "in UTC" must not move anything, CreateTime is exact.
        new ImportService(store.Store).Import([_files.Write("Coffee Club_utf8.csv", WeChatFixtures.MemoTrace)], new ImportOptions { TimeZone = TimeZoneInfo.Utc });

        await using var db = store.Store.CreateDbContext();
        var messages = await db.Activities.Where(a => a.Kind == ActivityKind.Message).OrderBy(a => a.OccurredAt).ToListAsync();
        messages.Select(m => m.SourceId).ShouldBe(["2:1767575000", "3:1767575060", "4:1767575120", "5:1767575180", "6:1767575240", "11:1767575540"]);
        messages[0].OccurredAt.ShouldBe(DateTimeOffset.Parse("2026-01-05T01:03:20Z", CultureInfo.InvariantCulture));
        messages.Select(m => m.MediaKind).ShouldBe([null, null, "photo", "voice", "link", null]);
        messages.Select(m => m.Text).ShouldBe(["大家好,我是阿安", "第一行 \"引号\"\n第二行", null, null, null, "hi all"]);
    }

    [Fact]
    public async Task The_older_nine_column_MemoTrace_CSV_gives_the_other_side_the_chat_name_with_a_warning()
    {
        await using var store = await TestStore.CreateAsync("sqlite");
        var path = _files.Write("Bo_utf8.csv", WeChatFixtures.MemoTraceNineColumns);

        var summary = new ImportService(store.Store).Import([path], new ImportOptions());

        summary.Messages.ShouldBe(2);
        summary.Warnings.ShouldBe([$"{path}: the 9-column MemoTrace CSV does not name senders; messages not sent by the exporter are all given to the chat"]);
        await using var db = store.Store.CreateDbContext();
        (await db.Members.OrderBy(m => m.SourceId).Select(m => $"{m.SourceId} {m.DisplayName}").ToListAsync()).ShouldBe(["talker:9 Bo", "我 我"]);
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task I_can_import_a_PyWxDump_CSV_twice_in_the_exporters_time_zone(string provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var path = _files.Write("12345@chatroom_0_5000.csv", WeChatFixtures.PyWxDump);
        var service = new ImportService(store.Store);

        var first = service.Import([path], new ImportOptions { TimeZone = Shanghai });
        var second = service.Import([path], new ImportOptions { TimeZone = Shanghai });

        (first.Messages, first.Joins, first.Leaves).ShouldBe((3L, 5L, 1L));
        second.Duplicates.ShouldBe(9);
        await using var db = store.Store.CreateDbContext();
        (await db.Communities.SingleAsync()).SourceId.ShouldBe("12345@chatroom");
        var hello = await db.Activities.SingleAsync(a => a.SourceId == "1002");
        (hello.Text, hello.OccurredAt).ShouldBe(("Hello, world", DateTimeOffset.Parse("2026-01-05T01:01:00Z", CultureInfo.InvariantCulture)));
        (await db.Activities.SingleAsync(a => a.SourceId == "1003")).MediaKind.ShouldBe("photo");
        (await db.Activities.SingleAsync(a => a.SourceId == "1008")).Text.ShouldBe("sure\n\n[引用](2026-01-05 09:01:00)Ann:Hello, world");
        var me = await db.Members.SingleAsync(m => m.SourceId == "wxid_me");
        var ann = await db.Members.SingleAsync(m => m.SourceId == "name:Ann");
        var joins = await db.Activities.Where(a => a.Kind == ActivityKind.Join).Join(db.Members, a => a.MemberId, m => m.Id, (a, m) => new { m.SourceId, a.RelatedMemberId }).ToListAsync();
        joins.OrderBy(j => j.SourceId, StringComparer.Ordinal).Select(j => (j.SourceId, j.RelatedMemberId)).ShouldBe([
            ("name:Dan", ann.Id), ("name:Eve", ann.Id), ("name:Fay", ann.Id), ("name:Gus", ann.Id), ("name:Hal", me.Id),
        ]);
        (await db.Activities.SingleAsync(a => a.Kind == ActivityKind.Leave)).RelatedMemberId.ShouldBe(me.Id);
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task The_pages_of_one_PyWxDump_chat_are_read_together(string provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        const string header = "id,MsgSvrID,type_name,is_sender,talker,room_name,msg,src,CreateTime\n";
        _files.Write("export/12345@chatroom/12345@chatroom_0_2.csv", header + "1,1001,文本,1,wxid_me,12345@chatroom,hi,,2026-01-05 09:01:00\n");
        _files.Write("export/12345@chatroom/12345@chatroom_2_4.csv", header + "2,1002,系统通知,0,未知,12345@chatroom,\"你邀请\"\"Hal\"\"加入了群聊\",,2026-01-05 09:09:00\n");

        var summary = new ImportService(store.Store).Import([_files.Path("export")], new ImportOptions());

        (summary.Communities, summary.Messages, summary.Joins).ShouldBe((1, 1L, 1L));
        await using var db = store.Store.CreateDbContext();
        var me = await db.Members.SingleAsync(m => m.SourceId == "wxid_me");
        (await db.Activities.SingleAsync(a => a.Kind == ActivityKind.Join)).RelatedMemberId.ShouldBe(me.Id); // "你" learned on the other page
    }

    [Theory]
    [InlineData("wxid_bo_0_5000.csv", WeChatFixtures.PyWxDumpContent, "wxid_bo", "早上好|早")]
    [InlineData("weclone_chat.csv", WeChatFixtures.PyWxDumpNoRoom, "weclone_chat", "晚安")]
    public async Task Older_PyWxDump_headers_import_too(string fileName, string content, string community, string texts)
    {
        await using var store = await TestStore.CreateAsync("sqlite");
        var path = _files.Write(fileName, content);

        new ImportService(store.Store).Import([path], new ImportOptions { TimeZone = Shanghai });

        await using var db = store.Store.CreateDbContext();
        (await db.Communities.SingleAsync()).SourceId.ShouldBe(community);
        string.Join('|', await db.Activities.OrderBy(a => a.OccurredAt).Select(a => a.Text).ToListAsync()).ShouldBe(texts);
    }

    public void Dispose() => _files.Dispose();
}
