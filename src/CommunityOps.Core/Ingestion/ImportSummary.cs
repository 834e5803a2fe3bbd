using System.Text.Json.Serialization;

namespace CommunityOps.Ingestion;

/// <summary>What one import added. The JSON shape is printed by `import --json` and stored with the run.</summary>
public sealed class ImportSummary
{
    [JsonPropertyName("format")] public string Format { get; set; } = "";
    [JsonPropertyName("files")] public int Files { get; set; }
    [JsonPropertyName("communities")] public int Communities { get; set; }
    [JsonPropertyName("members")] public int Members { get; set; }
    [JsonPropertyName("messages")] public long Messages { get; set; }
    [JsonPropertyName("joins")] public long Joins { get; set; }
    [JsonPropertyName("leaves")] public long Leaves { get; set; }
    [JsonPropertyName("reactions")] public long Reactions { get; set; }

    /// <summary>Records that were already stored (or appeared twice in this input).</summary>
    [JsonPropertyName("duplicates")] public long Duplicates { get; set; }

    [JsonPropertyName("warnings")] public List<string> Warnings { get; set; } = [];

    [JsonPropertyName("import_id")] public long ImportId { get; set; }
}

[JsonSerializable(typeof(ImportSummary))]
[JsonSourceGenerationOptions(WriteIndented = false)]
internal sealed partial class ImportSummaryJson : JsonSerializerContext;
