using System.Text.Json.Serialization;
using CommunityOps.Storage;
using Microsoft.EntityFrameworkCore;

namespace CommunityOps.Inspection.Audit;

/// <summary>An audit entry as hosts show it.</summary>
public sealed record AuditView(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("subject")] string Subject,
    [property: JsonPropertyName("subject_id")] long SubjectId,
    [property: JsonPropertyName("action")] string Action,
    [property: JsonPropertyName("actor")] string Actor,
    [property: JsonPropertyName("at")] DateTimeOffset At,
    [property: JsonPropertyName("from")] string? From,
    [property: JsonPropertyName("to")] string? To,
    [property: JsonPropertyName("comment")] string? Comment);

/// <summary>Writing and reading the inspection audit log; entries join the caller's unit of work.</summary>
public static class InspectionAuditLog
{
    internal static void Add(AppDbContext db, long workspaceId, string subject, long subjectId, string action, string actor, DateTimeOffset at,
        string? from, string? to, string? comment) =>
        db.InspectionAudit.Add(new InspectionAuditEntry
        {
            WorkspaceId = workspaceId, Subject = subject, SubjectId = subjectId, Action = action, Actor = actor, At = at,
            FromState = from, ToState = to, Comment = comment,
        });

    /// <summary>The history of one finding, plan or sample, oldest first.</summary>
    public static async Task<IReadOnlyList<AuditView>> ForAsync(Store store, string subject, long subjectId, CancellationToken ct = default)
    {
        await using var db = store.CreateDbContext();
        return await db.InspectionAudit.Where(a => a.Subject == subject && a.SubjectId == subjectId).OrderBy(a => a.Id)
            .Select(a => new AuditView(a.Id, a.Subject, a.SubjectId, a.Action, a.Actor, a.At, a.FromState, a.ToState, a.Comment))
            .ToListAsync(ct);
    }
}
