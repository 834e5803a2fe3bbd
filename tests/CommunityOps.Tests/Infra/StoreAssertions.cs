using CommunityOps.Messages;
using Microsoft.EntityFrameworkCore;

namespace CommunityOps.Tests.Infra;

public static class StoreAssertions
{
    public static async Task<int> CountAsync(this TestStore store, ActivityKind kind)
    {
        await using var db = store.Store.CreateDbContext();
        return await db.Activities.CountAsync(a => a.Kind == kind);
    }

    public static async Task<(int Communities, int Members, int Activities)> TotalsAsync(this TestStore store)
    {
        await using var db = store.Store.CreateDbContext();
        return (await db.Communities.CountAsync(), await db.Members.CountAsync(), await db.Activities.CountAsync());
    }
}
