namespace CommunityOps.Ingestion;

/// <summary>
/// An upload to the web host and its progress. It lives in the store rather than in memory so that
/// any instance serving a PostgreSQL store can answer "how far is import 42?".
/// </summary>
public sealed class ImportJob
{
    public long Id { get; set; }
    public long WorkspaceId { get; set; }
    public long? UserId { get; set; }
    public long? ApiKeyId { get; set; }

    /// <summary>One of <see cref="ImportJobStatus"/>.</summary>
    public required string Status { get; set; }

    /// <summary>The uploaded file names, one per line, as the client sent them.</summary>
    public required string Files { get; set; }

    public long TotalBytes { get; set; }
    public long ReadBytes { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>Touched while running; a stale heartbeat means the instance doing the work stopped.</summary>
    public DateTimeOffset? HeartbeatAt { get; set; }

    /// <summary>The <see cref="ImportSummary"/> JSON when it succeeded.</summary>
    public string? Summary { get; set; }

    /// <summary>The one-line error when it failed (in English); nothing was stored then.</summary>
    public string? Error { get; set; }

    /// <summary>The same error as <see cref="CommunityOps.ErrorText.ToJson"/>, for showing it in the reader's language; null before migration 0008.</summary>
    public string? ErrorText { get; set; }
}

public static class ImportJobStatus
{
    public const string Queued = "queued";
    public const string Running = "running";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
}
