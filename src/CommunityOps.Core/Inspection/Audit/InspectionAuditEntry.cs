namespace CommunityOps.Inspection.Audit;

/// <summary>
/// One line of the inspection audit log: who did what to which finding, plan or sample, when, the state
/// before and after, and why. Append-only; nothing in the code updates or deletes an entry.
/// </summary>
public sealed class InspectionAuditEntry
{
    public long Id { get; set; }
    public long WorkspaceId { get; set; }

    /// <summary>One of <see cref="AuditSubjects"/>.</summary>
    public required string Subject { get; set; }

    public long SubjectId { get; set; }

    /// <summary>confirmed, dismissed, reopened, updated, withdrawn, planned, sampled, scored, appealed, decided, linked, unlinked.</summary>
    public required string Action { get; set; }

    public required string Actor { get; set; }
    public DateTimeOffset At { get; set; }
    public string? FromState { get; set; }
    public string? ToState { get; set; }
    public string? Comment { get; set; }
}

public static class AuditSubjects
{
    public const string Finding = "finding";
    public const string Plan = "plan";
    public const string Sample = "sample";
    public const string RuleSet = "rule_set";

    /// <summary>An operator's link to an account (subject id: the member id; from/to: the account's e-mail).</summary>
    public const string Operator = "operator";
}

/// <summary>The actor name of automatic changes (a re-scan updating or withdrawing an open finding).</summary>
public static class AuditActors
{
    public const string Inspection = "inspection";
}
