using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace CommunityOps.Inspection.Findings;

/// <summary>The stored form of a finding's matches: the JSON array of the engine's output line.</summary>
public static class FindingMatches
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string ToJson(IReadOnlyList<FindingMatch> matches)
    {
        if (matches.Count == 0)
        {
            return "[]";
        }
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            Write(writer, matches);
        }
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    public static void Write(Utf8JsonWriter writer, IReadOnlyList<FindingMatch> matches)
    {
        writer.WriteStartArray();
        foreach (var match in matches)
        {
            writer.WriteStartObject();
            writer.WriteString("text", match.Text);
            writer.WriteNumber("start", match.Start);
            writer.WriteNumber("length", match.Length);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
    }

    public static IReadOnlyList<FindingMatch> Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return [.. document.RootElement.EnumerateArray().Select(m =>
            new FindingMatch(m.GetProperty("text").GetString() ?? "", m.GetProperty("start").GetInt32(), m.GetProperty("length").GetInt32()))];
    }
}
