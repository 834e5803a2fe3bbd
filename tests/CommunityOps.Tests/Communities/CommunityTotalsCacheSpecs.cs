using CommunityOps.Communities;
using CommunityOps.Ingestion;
using CommunityOps.Tests.Infra;
using Microsoft.EntityFrameworkCore;

namespace CommunityOps.Tests.Communities;

public sealed class CommunityTotalsCacheSpecs : IDisposable
{
    private readonly TempFiles _files = new();

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Cached_totals_equal_a_fresh_count_after_every_import(string provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var import = new ImportService(store.Store);
        var cache = new CommunityTotalsCache(store.Store);
        import.Import([WebData.Alpha(_files)], new ImportOptions { Workspace = "alpha" });
        var workspaceId = await WorkspaceIdAsync(store);
        await ShouldMatchAFreshCountAsync(store, cache, workspaceId);

        // New messages in a counted community, a new community, a leave, and a member who becomes staff.
        import.Import([_files.Write("more.jsonl", string.Join('\n',
            WebData.Message("c1", "m50", "u2", "2026-03-01T08:00:00+08:00", "later"),
            WebData.Message("c1", "m51", "u3", "2025-12-01T08:00:00+08:00", "earlier than everything"),
            WebData.Leave("c1", "u4", "2026-03-02T08:00:00+08:00"),
            WebData.Join("c1", "Coffee Club", "u2", "小明", "2026-02-01T10:00:00+08:00", staff: true),
            WebData.Join("c3", "Third", "z1", "Zed", "2026-03-01T08:00:00Z")) + "\n")], new ImportOptions { Workspace = "alpha" });
        await ShouldMatchAFreshCountAsync(store, cache, workspaceId);

        // The same file again: duplicates only, nothing changes.
        import.Import([_files.Path("more.jsonl")], new ImportOptions { Workspace = "alpha" });
        await ShouldMatchAFreshCountAsync(store, cache, workspaceId);
        (await cache.CommunityAsync(999_999)).ShouldBeNull();
    }

    private static async Task ShouldMatchAFreshCountAsync(TestStore store, CommunityTotalsCache cache, long workspaceId)
    {
        var fresh = (await new CommunityDirectory(store.Store).ListAsync("alpha")).OrderBy(c => c.Id).ToList();
        var cached = (await cache.WorkspaceAsync(workspaceId)).OrderBy(c => c.Id).ToList();
        cached.ShouldBe(fresh);
        foreach (var community in fresh)
        {
            (await cache.CommunityAsync(community.Id)).ShouldBe(community);
        }
    }

    private static async Task<long> WorkspaceIdAsync(TestStore store)
    {
        await using var db = store.Store.CreateDbContext();
        return (await db.Workspaces.SingleAsync(w => w.Name == "alpha")).Id;
    }

    public void Dispose() => _files.Dispose();
}
