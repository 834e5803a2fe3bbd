using CommunityOps.Inspection.Audit;
using CommunityOps.Inspection.Findings;
using CommunityOps.Resources;
using CommunityOps.Storage;
using Microsoft.EntityFrameworkCore;

namespace CommunityOps.Inspection.Reviews;

/// <summary>What a reviewer can do to a finding.</summary>
public enum ReviewAction
{
    /// <summary>open → confirmed: the rule was right.</summary>
    Confirm,

    /// <summary>open → dismissed: a false positive.</summary>
    Dismiss,

    /// <summary>confirmed or dismissed → open: the decision is withdrawn and the finding waits again.</summary>
    Reopen,
}

/// <summary>
/// The review workflow over stored findings: list, confirm, dismiss, reopen. A decision records the
/// reviewer, the time and the comment on the finding and appends an audit entry; any other transition
/// (confirming a dismissed finding without reopening it first) is refused with a one-line error.
/// </summary>
public sealed class FindingReviews(Store store)
{
    public async Task<IReadOnlyList<FindingView>> ListAsync(FindingFilter filter, CancellationToken ct = default)
    {
        await using var db = store.CreateDbContext();
        var page = db.Findings.Matching(db, filter)
            .OrderByDescending(f => f.OccurredAt).ThenByDescending(f => f.Id)
            .Skip(filter.Offset).Take(filter.Limit);
        var views = await page.ToViewsAsync(db, ct);
        return [.. views.OrderByDescending(v => v.Time).ThenByDescending(v => v.Id)];
    }

    /// <summary>Findings per status and category, for a review queue's header.</summary>
    public async Task<IReadOnlyList<(string Status, string Category, int Count)>> CountsAsync(FindingFilter filter, CancellationToken ct = default)
    {
        await using var db = store.CreateDbContext();
        var rows = await db.Findings.Matching(db, filter).GroupBy(f => new { f.Status, f.Category })
            .Select(g => new { g.Key.Status, g.Key.Category, Count = g.Count() }).ToListAsync(ct);
        return [.. rows.Select(r => (r.Status.ToString().ToLowerInvariant(), r.Category, r.Count)).OrderBy(r => r.Item1).ThenBy(r => r.Category)];
    }

    public async Task<FindingView> GetAsync(long id, string? workspace = null, CancellationToken ct = default)
    {
        await using var db = store.CreateDbContext();
        var views = await db.Findings.Where(f => f.Id == id).Matching(db, new FindingFilter { Workspace = workspace }).ToViewsAsync(db, ct);
        return views.SingleOrDefault() ?? throw NotFound(id, workspace);
    }

    /// <summary>
    /// Applies one decision to every finding in <paramref name="ids"/>, all or none: the first finding
    /// that does not exist (in <paramref name="workspace"/>, when given) or cannot take the action stops
    /// the whole call. A reopen needs a comment saying why.
    /// </summary>
    public async Task<IReadOnlyList<FindingView>> DecideAsync(IReadOnlyList<long> ids, ReviewAction action, string reviewer, string? comment,
        string? workspace = null, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(reviewer))
        {
            throw new CommunityOpsException(Errors.DecisionNeedsReviewer());
        }
        if (action == ReviewAction.Reopen && string.IsNullOrWhiteSpace(comment))
        {
            throw new CommunityOpsException(Errors.ReopenNeedsComment());
        }
        if (ids.Count == 0)
        {
            throw new CommunityOpsException(Errors.GiveFindingId());
        }
        await using var db = store.CreateDbContext();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var found = await db.Findings.Where(f => ids.Contains(f.Id)).Matching(db, new FindingFilter { Workspace = workspace })
            .ToDictionaryAsync(f => f.Id, ct);
        var now = store.Time.GetUtcNow();
        foreach (var id in ids.Distinct())
        {
            var finding = found.GetValueOrDefault(id) ?? throw NotFound(id, workspace);
            var to = Transition(finding, action);
            var from = finding.Status;
            (finding.Status, finding.Reviewer, finding.ReviewedAt, finding.Comment) = (to, reviewer, now, comment);
            InspectionAuditLog.Add(db, finding.WorkspaceId, AuditSubjects.Finding, id, Past(action), reviewer, now, Name(from), Name(to), comment);
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        var views = await db.Findings.Where(f => ids.Contains(f.Id)).ToViewsAsync(db, ct);
        return [.. views.OrderBy(v => v.Id)];
    }

    private static FindingStatus Transition(StoredFinding finding, ReviewAction action) => (finding.Status, action) switch
    {
        (FindingStatus.Open, ReviewAction.Confirm) => FindingStatus.Confirmed,
        (FindingStatus.Open, ReviewAction.Dismiss) => FindingStatus.Dismissed,
        (FindingStatus.Confirmed or FindingStatus.Dismissed, ReviewAction.Reopen) => FindingStatus.Open,
        (FindingStatus.Open, ReviewAction.Reopen) => throw new CommunityOpsException(Errors.FindingAlready(finding.Id, Said(FindingStatus.Open))),
        var (status, _) when status == Target(action) => throw new CommunityOpsException(Errors.FindingAlready(finding.Id, Said(status))),
        var (status, _) => throw new CommunityOpsException(Errors.FindingReopenFirst(finding.Id, Said(status), Said(Target(action)))),
    };

    private static FindingStatus Target(ReviewAction action) => action switch
    {
        ReviewAction.Confirm => FindingStatus.Confirmed,
        ReviewAction.Dismiss => FindingStatus.Dismissed,
        _ => FindingStatus.Open,
    };

    private static string Past(ReviewAction action) => action switch
    {
        ReviewAction.Confirm => "confirmed",
        ReviewAction.Dismiss => "dismissed",
        _ => "reopened",
    };

    internal static string Name(FindingStatus status) => status.ToString().ToLowerInvariant();

    /// <summary>The status in a message to people, where <see cref="Name"/> is the stored token.</summary>
    private static ErrorText Said(FindingStatus status) => status switch
    {
        FindingStatus.Confirmed => Errors.FindingConfirmed(),
        FindingStatus.Dismissed => Errors.FindingDismissed(),
        _ => Errors.FindingOpen(),
    };

    private static CommunityOpsException NotFound(long id, string? workspace) => new(workspace is null
        ? Errors.NoFinding(id)
        : Errors.NoFindingInWorkspace(id, workspace));
}
