using System.Text.Json;

namespace CommunityOps.Cli.Commands;

/// <summary>
/// The CLI's JSON options for inspection output: the engine's records (FindingMatch) carry no JSON names,
/// so they are camel-cased here to print as {"text","start","length"} like the engine's own lines.
/// </summary>
internal static class InspectionCliJson
{
    public static JsonSerializerOptions Options { get; } = new(CliJson.Options) { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };
}
