using System.Text.Json;
using System.Text.Json.Serialization;

namespace CommunityOps.Analytics;

/// <summary>The one JSON shape of the metrics, shared by the CLI and the web API (snake_case, nulls omitted).</summary>
public static class MetricsJson
{
    private static readonly MetricsJsonContext Indented = new(new JsonSerializerOptions(MetricsJsonContext.Default.Options) { WriteIndented = true });

    /// <summary>For ASP.NET Core: add to the JSON options' TypeInfoResolverChain.</summary>
    public static JsonSerializerContext Context => MetricsJsonContext.Default;

    public static string Serialize(CommunityReport report, bool indented = false) =>
        JsonSerializer.Serialize(report, (indented ? Indented : MetricsJsonContext.Default).CommunityReport);

    public static string Serialize(WorkspaceReport report, bool indented = false) =>
        JsonSerializer.Serialize(report, (indented ? Indented : MetricsJsonContext.Default).WorkspaceReport);

    public static string Serialize(MemberListing listing, bool indented = false) =>
        JsonSerializer.Serialize(listing, (indented ? Indented : MetricsJsonContext.Default).MemberListing);

    public static Task WriteAsync(Stream stream, WorkspaceReport report, CancellationToken ct = default) =>
        JsonSerializer.SerializeAsync(stream, report, MetricsJsonContext.Default.WorkspaceReport, ct);

}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(CommunityReport))]
[JsonSerializable(typeof(WorkspaceReport))]
[JsonSerializable(typeof(MemberListing))]
internal sealed partial class MetricsJsonContext : JsonSerializerContext;
