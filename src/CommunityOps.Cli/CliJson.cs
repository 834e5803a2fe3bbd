using System.Text.Encodings.Web;
using System.Text.Json;

namespace CommunityOps.Cli;

internal static class CliJson
{
    // Relaxed escaping keeps Chinese text readable in --json output; it is JSON for programs, not HTML.
    public static JsonSerializerOptions Options { get; } = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
