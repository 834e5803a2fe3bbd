using System.Globalization;
using CommunityOps.Resources;
using CommunityOps.Storage;
using Microsoft.EntityFrameworkCore;

namespace CommunityOps.Inspection.Findings;

/// <summary>Finds the community a person names on the command line: by store id, platform id or name.</summary>
public static class CommunityLookup
{
    public static async Task<long> ResolveAsync(Store store, string? workspace, string community, CancellationToken ct = default)
    {
        await using var db = store.CreateDbContext();
        var inWorkspace = workspace is null
            ? db.Communities
            : db.Communities.Where(c => db.Workspaces.Any(w => w.Id == c.WorkspaceId && w.Name == workspace));
        if (long.TryParse(community, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            && await inWorkspace.AnyAsync(c => c.Id == id, ct))
        {
            return id;
        }
        var matches = await inWorkspace.Where(c => c.SourceId == community || c.Name == community).Select(c => c.Id).Take(2).ToListAsync(ct);
        return matches.Count switch
        {
            1 => matches[0],
            0 => throw new CommunityOpsException(workspace is null
                ? Errors.NoCommunityNamed(community)
                : Errors.NoCommunityNamedInWorkspace(community, workspace)),
            _ => throw new CommunityOpsException(Errors.SeveralCommunitiesNamed(community)),
        };
    }
}
