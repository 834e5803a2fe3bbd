using CommunityOps.Inspection.Audit;
using CommunityOps.Storage;
using Microsoft.EntityFrameworkCore;

namespace CommunityOps.Inspection.RuleSets;

/// <summary>A rule set that does not compile; <see cref="Errors"/> says where.</summary>
public sealed class RuleSetInvalidException(IReadOnlyList<RuleSetError> errors)
    : CommunityOpsException(Resources.Errors.RuleSetMistakes(errors.Count, [.. errors.Select(e => Resources.Errors.Located(e.Field, (object?)e.Text ?? e.Message))]))
{
    public IReadOnlyList<RuleSetError> Errors { get; } = errors;
}

/// <summary>The rule set in force in a workspace: the latest saved version, or the shipped default (version 0).</summary>
public sealed record WorkspaceRuleSet(long WorkspaceId, int Version, string Json, string? SavedBy, DateTimeOffset? SavedAt, string? Comment)
{
    public bool IsDefault => Version == 0;

    /// <summary>Parsed; file references are "datasets:" and "builtin:" ones (a stored set has no folder of its own).</summary>
    public RuleSet Parse() => RuleSetParser.Parse(Json, IsDefault ? "builtin:default" : Resources.Errors.WorkspaceRuleSetLabel(Version), baseDirectory: null);
}

/// <summary>
/// Each workspace's own rule set, edited in the dashboard: every save is validated by compiling it and
/// stored as the next version (rows are never changed, so a finding's rule set version stays readable),
/// with an audit entry. Passes and re-scans of the workspace use the latest version.
/// </summary>
public sealed class WorkspaceRuleSets(Store store)
{
    public async Task<WorkspaceRuleSet> CurrentAsync(long workspaceId, CancellationToken ct = default)
    {
        await using var db = store.CreateDbContext();
        var row = await db.InspectionRuleSets.AsNoTracking().Where(r => r.WorkspaceId == workspaceId).OrderByDescending(r => r.Version).FirstOrDefaultAsync(ct);
        return row is null
            ? new WorkspaceRuleSet(workspaceId, 0, RuleSet.ReadDefaultJson(), null, null, null)
            : new WorkspaceRuleSet(workspaceId, row.Version, row.Json, row.CreatedBy, row.CreatedAt, row.Comment);
    }

    /// <summary>Validates and stores <paramref name="json"/> as the next version; throws <see cref="RuleSetInvalidException"/> with every mistake.</summary>
    public async Task<WorkspaceRuleSet> SaveAsync(long workspaceId, string json, string actor, string? comment, string? datasetsDirectory = null,
        CancellationToken ct = default)
    {
        var errors = RuleSetValidation.Validate(json, datasetsDirectory);
        if (errors.Count > 0)
        {
            throw new RuleSetInvalidException(errors);
        }
        await using var db = store.CreateDbContext();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var version = 1 + (await db.InspectionRuleSets.Where(r => r.WorkspaceId == workspaceId).MaxAsync(r => (int?)r.Version, ct) ?? 0);
        var now = store.Time.GetUtcNow();
        var row = new StoredRuleSet { WorkspaceId = workspaceId, Version = version, Json = json, CreatedBy = actor, CreatedAt = now, Comment = comment };
        db.InspectionRuleSets.Add(row);
        await db.SaveChangesAsync(ct);
        InspectionAuditLog.Add(db, workspaceId, AuditSubjects.RuleSet, row.Id, "saved", actor, now, version == 1 ? "default" : $"v{version - 1}", $"v{version}", comment);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new WorkspaceRuleSet(workspaceId, version, json, actor, now, comment);
    }
}
