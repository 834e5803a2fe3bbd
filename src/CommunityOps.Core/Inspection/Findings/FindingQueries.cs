using CommunityOps.Storage;
using Microsoft.EntityFrameworkCore;

namespace CommunityOps.Inspection.Findings;

/// <summary>The query shapes findings are read with, shared by the review service and hosts.</summary>
public static class FindingQueries
{
    public static IQueryable<StoredFinding> Matching(this IQueryable<StoredFinding> findings, AppDbContext db, FindingFilter filter)
    {
        if (filter.Workspace is { } workspace)
        {
            findings = findings.Where(f => db.Workspaces.Any(w => w.Id == f.WorkspaceId && w.Name == workspace));
        }
        if (filter.Status is { } status)
        {
            findings = findings.Where(f => f.Status == status);
        }
        if (filter.Category is { } category)
        {
            findings = findings.Where(f => f.Category == category);
        }
        if (filter.CommunityId is { } community)
        {
            findings = findings.Where(f => f.CommunityId == community);
        }
        if (filter.Member is { } member)
        {
            findings = findings.Where(f => db.Members.Any(m => m.Id == f.MemberId && (m.SourceId == member || m.DisplayName == member)));
        }
        if (filter.MinSeverity is { } severity)
        {
            findings = findings.Where(f => f.Severity >= severity);
        }
        if (filter.Rule is { } rule)
        {
            findings = findings.Where(f => f.Rule == rule);
        }
        return findings;
    }

    /// <summary>Findings joined with their community, member and message, as <see cref="FindingView"/>s.</summary>
    public static async Task<List<FindingView>> ToViewsAsync(this IQueryable<StoredFinding> findings, AppDbContext db, CancellationToken ct)
    {
        var rows = await (
            from f in findings
            join c in db.Communities on f.CommunityId equals c.Id
            join m in db.Members on f.MemberId equals m.Id
            join a in db.Activities on f.ActivityId equals a.Id
            select new { f, Community = c.Name, MemberSource = m.SourceId, MemberName = m.DisplayName, a.SourceId, a.Text })
            .ToListAsync(ct);
        return [.. rows.Select(r => new FindingView(r.f.Id, r.f.CommunityId, r.Community, r.f.ActivityId, r.SourceId, r.f.MemberId, r.MemberSource,
            r.MemberName, r.f.OccurredAt, r.Text, r.f.Rule, r.f.RuleVersion, r.f.RuleSet, r.f.Category, r.f.Severity.ToString().ToLowerInvariant(),
            r.f.Score, FindingMatches.Parse(r.f.Matches), r.f.Detail, r.f.Status.ToString().ToLowerInvariant(), r.f.Reviewer, r.f.ReviewedAt, r.f.Comment))];
    }
}
