using CommunityOps.Accounts;
using CommunityOps.Inspection.Audit;
using CommunityOps.Inspection.Findings;
using CommunityOps.Inspection.SpotChecks;
using CommunityOps.Storage;
using CommunityOps.Web.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CommunityOps.Web.Inspection;

/// <summary>
/// Which workspace an inspection record belongs to, and what the caller may do with it: the API and the
/// pages ask here first, so a record of another workspace is 404 before anything else is looked at.
/// </summary>
public static class InspectionAccess
{
    public static Task<long?> FindingWorkspaceAsync(AppDbContext db, long findingId, CancellationToken ct) =>
        db.Findings.Where(f => f.Id == findingId).Select(f => (long?)f.WorkspaceId).SingleOrDefaultAsync(ct);

    public static Task<long?> PlanWorkspaceAsync(AppDbContext db, long planId, CancellationToken ct) =>
        db.SpotCheckPlans.Where(p => p.Id == planId).Select(p => (long?)p.WorkspaceId).SingleOrDefaultAsync(ct);

    public static Task<long?> SampleWorkspaceAsync(AppDbContext db, long sampleId, CancellationToken ct) =>
        db.SpotCheckSamples.Where(s => s.Id == sampleId)
            .Join(db.SpotCheckPlans, s => s.PlanId, p => p.Id, (s, p) => (long?)p.WorkspaceId).SingleOrDefaultAsync(ct);

    public static Task<long?> CommunityWorkspaceAsync(AppDbContext db, long communityId, CancellationToken ct) =>
        db.Communities.Where(c => c.Id == communityId).Select(c => (long?)c.WorkspaceId).SingleOrDefaultAsync(ct);

    public static Task<long?> MemberWorkspaceAsync(AppDbContext db, long memberId, CancellationToken ct) =>
        db.Members.Where(m => m.Id == memberId).Join(db.Communities, m => m.CommunityId, c => c.Id, (m, c) => (long?)c.WorkspaceId).SingleOrDefaultAsync(ct);

    /// <summary>The name decisions are recorded under: the account's e-mail, or the API key's id.</summary>
    public static string Actor(Caller caller) => caller.Email ?? (caller.ApiKeyId is { } key ? $"api-key:{key}" : "unknown");

    public static async Task<bool> ShowsTextAsync(Caller caller, long workspaceId, CancellationToken ct) =>
        (await caller.InAsync(workspaceId, ct))?.Role.Allows(Permission.ViewMessages) == true;

    /// <summary>
    /// An appeal is the operator's own: the caller's account must be linked to the sample's operator
    /// (<see cref="OperatorLink"/>). Null when allowed, else the 403 to answer.
    /// </summary>
    public static async Task<ProblemHttpResult?> DenyAppealAsync(AppDbContext db, Caller caller, long sampleId, CancellationToken ct)
    {
        var operatorId = await db.SpotCheckSamples.Where(s => s.Id == sampleId).Select(s => s.OperatorId).SingleAsync(ct);
        var linked = caller.UserId is { } user && await db.OperatorLinks.AnyAsync(l => l.MemberId == operatorId && l.UserId == user, ct);
        return linked ? null : Hosting.ErrorResponses.Problem(StatusCodes.Status403Forbidden, "only the operator whose conversation this is may appeal it (an account linked to that operator)");
    }

    /// <summary>Message texts blanked for roles that may not read messages.</summary>
    public static FindingView Redact(FindingView finding, bool showText) => showText ? finding : finding with { Text = null };

    public static SampleDetail Redact(SampleDetail detail, bool showText) => showText ? detail
        : detail with { Question = detail.Question with { Text = null }, Reply = detail.Reply with { Text = null } };

    public static Task<IReadOnlyList<AuditView>> FindingAuditAsync(Store store, long findingId, CancellationToken ct) =>
        InspectionAuditLog.ForAsync(store, AuditSubjects.Finding, findingId, ct);
}
