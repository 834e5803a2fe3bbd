using CommunityOps.Ingestion;
using CommunityOps.Messages;
using CommunityOps.Tests.Infra;
using Microsoft.EntityFrameworkCore;

namespace CommunityOps.Tests.Ingestion;

/// <summary>The exporter writes under their name but is "You" (你) in system lines: one member, not two.</summary>
public sealed class WhatsAppExporterSpecs : IDisposable
{
    private readonly TempFiles _files = new();

    // Ann exported the chat: she created it, added Bo, and deleted one of her own messages.
    private const string AnnsExport = """
        05/01/2026, 09:00 - Messages and calls are end-to-end encrypted. No one outside of this chat, not even WhatsApp, can read or listen to them.
        05/01/2026, 09:01 - You created group "Coffee Club"
        05/01/2026, 09:02 - You added Bo
        05/01/2026, 09:03 - Cy joined using this group's invite link
        13/01/2026, 20:31 - Ann: Welcome!
        13/01/2026, 20:32 - Bo: This message was deleted
        13/01/2026, 20:33 - Ann: You deleted this message
        13/01/2026, 20:34 - Cy: hi
        14/01/2026, 08:05 - You removed Cy
        """;

    private const string AnnsChineseExport = """
        05/01/2026, 09:01 - 你创建了群组“咖啡俱乐部”
        05/01/2026, 09:02 - 你添加了 小博
        13/01/2026, 20:31 - 阿安: 欢迎
        13/01/2026, 20:33 - 阿安: 你删除了此消息
        13/01/2026, 20:34 - 小博: 你好
        14/01/2026, 08:00 - 小博 已退出
        """;

    private async Task<List<string>> Memberships(TestStore store)
    {
        await using var db = store.Store.CreateDbContext();
        var keys = await db.Members.ToDictionaryAsync(m => m.Id, m => m.SourceId);
        return (await db.Activities.Where(a => a.Kind != ActivityKind.Message).OrderBy(a => a.OccurredAt).ToListAsync())
            .Select(a => $"{a.Kind} {keys[a.MemberId]}{(a.RelatedMemberId is { } r ? " by " + keys[r] : "")}").ToList();
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task The_sender_of_You_deleted_this_message_is_the_You_of_the_system_lines(string provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var path = _files.Write("WhatsApp Chat with Coffee Club.txt", AnnsExport);

        var summary = new ImportService(store.Store).Import([path], new ImportOptions());

        summary.Warnings.ShouldBeEmpty();
        await using var db = store.Store.CreateDbContext();
        (await db.Members.OrderBy(m => m.SourceId).Select(m => m.SourceId).ToListAsync()).ShouldBe(["Ann", "Bo", "Cy"]);
        (await Memberships(store)).ShouldBe(["Join Ann", "Join Bo by Ann", "Join Cy", "Leave Cy by Ann"]);
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Chinese_system_lines_call_the_exporter_你(string provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var path = _files.Write("WhatsApp Chat with 咖啡俱乐部.txt", AnnsChineseExport);

        new ImportService(store.Store).Import([path], new ImportOptions());

        await using var db = store.Store.CreateDbContext();
        (await db.Members.OrderBy(m => m.SourceId).Select(m => m.SourceId).ToListAsync()).ShouldBe(["小博", "阿安"]);
        (await Memberships(store)).ShouldBe(["Join 阿安", "Join 小博 by 阿安", "Leave 小博"]);
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Without_evidence_You_stays_a_member_with_a_warning_until_me_names_the_exporter(string provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var path = _files.Write("WhatsApp Chat with Coffee Club.txt", AnnsExport.Replace("Ann: You deleted this message", "Ann: again", StringComparison.Ordinal));
        var service = new ImportService(store.Store);

        var guessed = service.Import([path], new ImportOptions { Workspace = "unnamed" });
        var named = service.Import([path], new ImportOptions { Workspace = "named", Me = "~ Ann" });

        guessed.Warnings.ShouldBe([$"{path}: system lines call the exporter 'You' and nothing tells which sender that is; kept as the member 'You' (give the exporter's name with --me)"]);
        guessed.Members.ShouldBe(4);
        named.Warnings.ShouldBeEmpty();
        named.Members.ShouldBe(3);
        // The records' ids do not depend on who "You" is: the two imports made the same ones.
        await using var db = store.Store.CreateDbContext();
        var ids = await db.Activities.Join(db.Communities, a => a.CommunityId, c => c.Id, (a, c) => new { c.WorkspaceId, a.SourceId }).ToListAsync();
        var byWorkspace = ids.GroupBy(x => x.WorkspaceId).Select(g => g.Select(x => x.SourceId).Order(StringComparer.Ordinal).ToList()).ToList();
        byWorkspace[0].ShouldBe(byWorkspace[1]);
    }

    [Fact]
    public async Task A_sender_named_by_a_system_line_is_never_taken_for_the_exporter()
    {
        await using var store = await TestStore.CreateAsync("sqlite");
        // Cy's "You deleted this message" is her text, not WhatsApp's: "Cy joined" shows she is not the exporter.
        var path = _files.Write("WhatsApp Chat with Coffee Club.txt", AnnsExport.Replace("Ann: You deleted this message", "Cy: You deleted this message", StringComparison.Ordinal));

        var summary = new ImportService(store.Store).Import([path], new ImportOptions());

        summary.Warnings.Count.ShouldBe(1);
        await using var db = store.Store.CreateDbContext();
        (await db.Members.AnyAsync(m => m.SourceId == "You")).ShouldBeTrue();
    }

    public void Dispose() => _files.Dispose();
}
