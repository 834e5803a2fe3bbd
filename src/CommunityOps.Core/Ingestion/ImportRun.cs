namespace CommunityOps.Ingestion;

/// <summary>The record of one import: what came in, what was added, and how it ended.</summary>
public sealed class ImportRun
{
    public long Id { get; set; }
    public long WorkspaceId { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    public required string Status { get; set; }
    public string? Format { get; set; }

    /// <summary>The summary as JSON, the same object `import --json` prints.</summary>
    public string? Summary { get; set; }

    public string? Error { get; set; }
}
