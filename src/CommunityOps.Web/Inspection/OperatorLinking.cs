using CommunityOps.Accounts;
using CommunityOps.Inspection.SpotChecks;
using CommunityOps.Storage;
using CommunityOps.Web.Accounts;
using CommunityOps.Web.Hosting;
using CommunityOps.Web.Resources;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CommunityOps.Web.Inspection;

/// <summary>
/// Linking accounts to operators, for the API and the Operators page alike: who may do it is decided
/// here once, then <see cref="OperatorLinkService"/> writes. A member of another workspace is 404.
/// </summary>
public static class OperatorLinking
{
    /// <summary>Linking hands out the right to appeal in someone's name: managers and admins (docs/security.md).</summary>
    public const Permission LinkPermission = Permission.ManageApiKeys;

    public static async Task<(ProblemHttpResult? Denied, OperatorLinkView? Link)> LinkAsync(Caller caller, AppDbContext db, Store store, long memberId, string? email,
        CancellationToken ct)
    {
        if (await DenyAsync(caller, db, memberId, ct) is { } denied)
        {
            return (denied, null);
        }
        if (string.IsNullOrWhiteSpace(email))
        {
            throw new FieldException("email", Strings.Problem("Required"));
        }
        var link = await new OperatorLinkService(store).LinkAsync(memberId, email, InspectionAccess.Actor(caller), ct)
            ?? throw new FieldException("email", Strings.Problem("NoAccountInWorkspace"));
        return (null, link);
    }

    /// <summary>Denied, or whether there was a link to remove.</summary>
    public static async Task<(ProblemHttpResult? Denied, bool Removed)> UnlinkAsync(Caller caller, AppDbContext db, Store store, long memberId, CancellationToken ct)
    {
        if (await DenyAsync(caller, db, memberId, ct) is { } denied)
        {
            return (denied, false);
        }
        return (null, await new OperatorLinkService(store).UnlinkAsync(memberId, InspectionAccess.Actor(caller), ct));
    }

    public static async Task<ProblemHttpResult?> DenyAsync(Caller caller, AppDbContext db, long memberId, CancellationToken ct) =>
        await caller.DenyAsync(await InspectionAccess.MemberWorkspaceAsync(db, memberId, ct), LinkPermission, ct);

    /// <summary>
    /// Which of these operators have no account, for the spot-check pages to point at the Operators page;
    /// null when the caller may not link (they are not shown who is linked).
    /// </summary>
    public static async Task<IReadOnlySet<long>?> UnlinkedAsync(WorkspaceRole workspace, AppDbContext db, IReadOnlyCollection<long> memberIds, CancellationToken ct)
    {
        if (!workspace.Role.Allows(LinkPermission))
        {
            return null;
        }
        var linked = await db.OperatorLinks.Where(l => memberIds.Contains(l.MemberId)).Select(l => l.MemberId).ToListAsync(ct);
        return memberIds.Except(linked).ToHashSet();
    }

    /// <summary>The Operators page showing one operator.</summary>
    public static string PageUrl(long workspaceId, long memberId) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"/inspection/operators?workspace={workspaceId}&member={memberId}");

    /// <summary>The list's query values as the page's GET form and API clients send them ("" for "any").</summary>
    public static OperatorFilter Filter(string? q, string? community, string? linked, string? user, long? member, int? page, int? limit)
    {
        Api.CommunitiesApi.CheckListQuery(q, page, limit, OperatorFilter.MaxPageSize);
        return new OperatorFilter(string.IsNullOrWhiteSpace(q) ? null : q.Trim(), Id(community, "community"), Api.CommunitiesApi.Flag(linked, "linked"), Id(user, "user"),
            member, page ?? 1, limit ?? 50);
    }

    private static long? Id(string? value, string field) =>
        string.IsNullOrWhiteSpace(value) ? null
        : long.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id) ? id
        : throw new FieldException(field, Strings.Problem("ExpectedId"));
}
