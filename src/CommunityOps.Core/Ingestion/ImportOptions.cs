namespace CommunityOps.Ingestion;

public sealed class ImportOptions
{
    public string Workspace { get; init; } = "default";

    /// <summary>Forces one format; otherwise each file's format is detected from its content.</summary>
    public ImportFormat? Format { get; init; }

    /// <summary>How to read times that carry no offset (Telegram without date_unixtime, WhatsApp, WeChat, old Discord CSV).</summary>
    public TimeZoneInfo TimeZone { get; init; } = TimeZoneInfo.Utc;

    /// <summary>Source ids or display names of operators, marked as staff wherever they appear.</summary>
    public IReadOnlySet<string> Staff { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>
    /// The exporter's name as their own messages show it. WhatsApp's system lines call the exporter "You";
    /// this says who that is when the file cannot tell (docs/formats.md#whatsapp).
    /// </summary>
    public string? Me { get; init; }

    public ImportLimits Limits { get; init; } = new();

    /// <summary>
    /// Rows per PostgreSQL COPY segment (one savepoint each). Larger segments stop the stream less often;
    /// tests make it small to cross segment boundaries with a few rows.
    /// </summary>
    internal int PostgresSegmentRows { get; init; } = 100_000;
}

/// <summary>Guards against hostile archives; the defaults allow real exports of many gigabytes.</summary>
public sealed class ImportLimits
{
    public long MaxEntryBytes { get; init; } = 16L << 30;
    public long MaxTotalBytes { get; init; } = 64L << 30;

    /// <summary>An entry that expands more than this many times its compressed size is treated as a zip bomb.</summary>
    public int MaxCompressionRatio { get; init; } = 200;

    /// <summary>Small entries may compress very well (a run of spaces); the ratio applies above this size.</summary>
    public long RatioCheckAbove { get; init; } = 16L << 20;
}
