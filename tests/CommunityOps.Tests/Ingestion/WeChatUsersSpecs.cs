using System.IO.Compression;
using CommunityOps.Ingestion;
using CommunityOps.Messages;
using CommunityOps.Tests.Infra;
using Microsoft.EntityFrameworkCore;

namespace CommunityOps.Tests.Ingestion;

/// <summary>PyWxDump's users.json beside its CSV gives members their names and notices their wxids.</summary>
public sealed class WeChatUsersSpecs : IDisposable
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
    private readonly TempFiles _files = new();

    private static async Task AssertNamedAsync(TestStore store)
    {
        await using var db = store.Store.CreateDbContext();
        var members = await db.Members.OrderBy(m => m.SourceId).Select(m => m.SourceId + "=" + m.DisplayName).ToListAsync();
        // Ann and Dan are named by their wxids now; Eve, Fay, Gus, Hal are in no users.json and stay names.
        members.ShouldBe(["name:Eve=Eve", "name:Fay=Fay", "name:Gus=Gus", "name:Hal=Hal", "wxid_ann=Ann", "wxid_dan=Dan", "wxid_me=我自己"]);
        var keys = await db.Members.ToDictionaryAsync(m => m.Id, m => m.SourceId);
        var memberships = (await db.Activities.Where(a => a.Kind != ActivityKind.Message).ToListAsync())
            .Select(a => $"{a.Kind} {keys[a.MemberId]} by {(a.RelatedMemberId is { } r ? keys[r] : "-")}").Order(StringComparer.Ordinal);
        memberships.ShouldBe([
            "Join name:Eve by wxid_ann", "Join name:Fay by wxid_ann", "Join name:Gus by wxid_ann", "Join name:Hal by wxid_me",
            "Join wxid_dan by wxid_ann", "Leave wxid_dan by wxid_me",
        ]);
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task A_users_json_beside_the_CSV_names_the_members_and_resolves_notices_to_wxids(string provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        _files.Write("export/12345@chatroom/12345@chatroom_0_5000.csv", WeChatFixtures.PyWxDump);
        _files.Write("export/12345@chatroom/users.json", WeChatFixtures.PyWxDumpUsers);
        var service = new ImportService(store.Store);

        var first = service.Import([_files.Path("export")], new ImportOptions { TimeZone = Shanghai });
        var second = service.Import([_files.Path("export")], new ImportOptions { TimeZone = Shanghai });

        first.Warnings.ShouldBeEmpty(); // users.json belongs to the export: not a skipped file
        (first.Messages, first.Joins, first.Leaves, first.Members).ShouldBe((3L, 5L, 1L, 7));
        (second.Members, second.Duplicates).ShouldBe((0, 9L));
        await AssertNamedAsync(store);
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task A_users_json_is_read_from_a_zip_too(string provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var zip = _files.Path("12345@chatroom.zip");
        using (var archive = ZipFile.Open(zip, ZipArchiveMode.Create))
        {
            foreach (var (name, content) in new[] { ("12345@chatroom/12345@chatroom_0_5000.csv", WeChatFixtures.PyWxDump), ("12345@chatroom/users.json", WeChatFixtures.PyWxDumpUsers) })
            {
                using var writer = new StreamWriter(archive.CreateEntry(name).Open());
                writer.Write(content);
            }
        }

        new ImportService(store.Store).Import([zip], new ImportOptions { TimeZone = Shanghai });

        await AssertNamedAsync(store);
    }

    [Fact]
    public async Task A_users_json_that_is_not_JSON_names_the_file_and_line_and_nothing_is_stored()
    {
        await using var store = await TestStore.CreateAsync("sqlite");
        _files.Write("export/12345@chatroom_0_5000.csv", WeChatFixtures.PyWxDump);
        var users = _files.Write("export/users.json", WeChatFixtures.PyWxDumpUsers.Replace("\"Dan\",", "\"Dan\"", StringComparison.Ordinal));

        var error = Should.Throw<ImportException>(() => new ImportService(store.Store).Import([_files.Path("export")], new ImportOptions()));

        error.Message.ShouldStartWith($"{users}:21: invalid JSON"); // where the missing comma is noticed
        (await store.TotalsAsync()).ShouldBe((0, 0, 0));
    }

    [Fact]
    public async Task A_users_json_alone_imports_nothing_and_says_so()
    {
        await using var store = await TestStore.CreateAsync("sqlite");
        var users = _files.Write("users.json", WeChatFixtures.PyWxDumpUsers);

        var summary = new ImportService(store.Store).Import([users], new ImportOptions());

        summary.Warnings.ShouldBe([$"{users}: a PyWxDump users.json without chat CSV files beside it; nothing to import"]);
        (await store.TotalsAsync()).ShouldBe((0, 0, 0));
    }

    public void Dispose() => _files.Dispose();
}
