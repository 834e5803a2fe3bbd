using CommunityOps.Inspection.Audit;
using CommunityOps.Inspection.Findings;
using CommunityOps.Storage;
using Microsoft.EntityFrameworkCore;

namespace CommunityOps.Inspection.Runs;

/// <summary>An engine finding with the store ids it belongs to.</summary>
internal readonly record struct PendingFinding(long ActivityId, long CommunityId, long MemberId, Finding Finding);

/// <summary>
/// Stores a batch of findings in one transaction, with whatever else the pass commits alongside (its
/// checkpoint). One row per (activity, rule): a new pair is inserted open; the same rule version again
/// changes nothing unless it escalates an open finding (a later reply-timeout tier); a different rule
/// version replaces an open finding's content and keeps a reviewed one as the reviewer left it.
/// </summary>
internal sealed class FindingWriter(Store store, long workspaceId, string ruleSetName, InspectionRunSummary summary)
{
    public InspectionRunSummary Summary => summary;

    public async Task WriteAsync(List<PendingFinding> batch, Func<AppDbContext, CancellationToken, Task>? alongside, CancellationToken ct)
    {
        await using var db = store.CreateDbContext();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (store.Provider == DatabaseProvider.Postgres)
        {
            // Two passes over one workspace (an import's and a server's) would both insert the same new
            // pair; the lock makes the second see the first's rows instead of failing on the unique key.
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(1229866063, {(int)workspaceId})", ct);
        }
        if (batch.Count > 0)
        {
            var now = store.Time.GetUtcNow();
            var ids = batch.Select(f => f.ActivityId).Distinct().ToList();
            var existing = (await db.Findings.Where(f => ids.Contains(f.ActivityId)).ToListAsync(ct))
                .ToDictionary(f => (f.ActivityId, f.Rule));
            foreach (var pending in batch)
            {
                Merge(db, existing, pending, now);
            }
        }
        // Saved before the companion work runs, so that its queries see this batch's rows as stored.
        await db.SaveChangesAsync(ct);
        if (alongside is not null)
        {
            await alongside(db, ct);
            await db.SaveChangesAsync(ct);
        }
        await tx.CommitAsync(ct);
    }

    private void Merge(AppDbContext db, Dictionary<(long, string), StoredFinding> existing, PendingFinding pending, DateTimeOffset now)
    {
        var f = pending.Finding;
        if (!existing.TryGetValue((pending.ActivityId, f.Rule), out var row))
        {
            row = new StoredFinding
            {
                WorkspaceId = workspaceId,
                CommunityId = pending.CommunityId,
                ActivityId = pending.ActivityId,
                MemberId = pending.MemberId,
                OccurredAt = f.Time,
                Rule = f.Rule,
                RuleVersion = f.RuleVersion,
                RuleSet = ruleSetName,
                Category = f.Category,
                Severity = f.Severity,
                Score = f.Score,
                Matches = FindingMatches.ToJson(f.Matches),
                Detail = f.Detail,
                Status = FindingStatus.Open,
                FoundAt = now,
            };
            db.Findings.Add(row);
            existing[(pending.ActivityId, f.Rule)] = row;
            Summary.Count(f.Category);
            return;
        }
        if (row.RuleVersion == f.RuleVersion)
        {
            if (row.Status == FindingStatus.Open && f.Severity > row.Severity)
            {
                Replace(row, f, now);
                Summary.Updated++;
            }
            else
            {
                Summary.Unchanged++;
            }
            return;
        }
        if (row.Status != FindingStatus.Open)
        {
            Summary.Kept++;
            return;
        }
        var before = row.RuleVersion;
        Replace(row, f, now);
        Summary.Updated++;
        InspectionAuditLog.Add(db, workspaceId, AuditSubjects.Finding, row.Id, "updated", AuditActors.Inspection, now, "open", "open",
            $"rule {f.Rule} version {before} -> {f.RuleVersion}");
    }

    private void Replace(StoredFinding row, Finding f, DateTimeOffset now)
    {
        row.RuleVersion = f.RuleVersion;
        row.RuleSet = ruleSetName;
        row.Category = f.Category;
        row.Severity = f.Severity;
        row.Score = f.Score;
        row.Matches = FindingMatches.ToJson(f.Matches);
        row.Detail = f.Detail;
        row.OccurredAt = f.Time;
        row.FoundAt = now;
    }
}
