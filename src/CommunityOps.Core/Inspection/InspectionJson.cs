using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using CommunityOps.Resources;

namespace CommunityOps.Inspection;

/// <summary>
/// The JSON shapes of `communityops inspect --json`: findings out, one object per line, exactly
/// {"message","community","member","rule","category","severity","score","matches":[{"text","start","length"}]}
/// (plus "time", "ruleVersion" and "detail" when asked), and messages in (see <see cref="ReadJsonl"/>).
/// </summary>
public static class InspectionJson
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void Write(Utf8JsonWriter writer, Finding finding, bool withExtras = false)
    {
        writer.WriteStartObject();
        writer.WriteString("message", finding.MessageId);
        writer.WriteString("community", finding.Community);
        writer.WriteString("member", finding.Member);
        writer.WriteString("rule", finding.Rule);
        writer.WriteString("category", finding.Category);
        writer.WriteString("severity", finding.Severity.ToString().ToLowerInvariant());
        // "1.0", not "1": the documented line format shows scores as decimals.
        writer.WritePropertyName("score");
        writer.WriteRawValue(finding.Score.ToString("0.0###", CultureInfo.InvariantCulture));
        writer.WriteStartArray("matches");
        foreach (var match in finding.Matches)
        {
            writer.WriteStartObject();
            writer.WriteString("text", match.Text);
            writer.WriteNumber("start", match.Start);
            writer.WriteNumber("length", match.Length);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        if (withExtras)
        {
            writer.WriteString("time", finding.Time);
            writer.WriteString("ruleVersion", finding.RuleVersion);
            if (finding.Detail is not null)
            {
                writer.WriteString("detail", finding.Detail);
            }
        }

        writer.WriteEndObject();
    }

    /// <summary>One finding as one line of JSON (no newline), non-ASCII text kept readable.</summary>
    public static string ToJsonLine(Finding finding, bool withExtras = false)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            Write(writer, finding, withExtras);
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>
    /// Reads messages and joins from JSONL, one object per line, streaming:
    /// a message {"id", "community", "channel"?, "member", "staff"? (false), "time" (ISO 8601), "text", "mentions"? (0)};
    /// a join {"type": "join", "community", "member", "time"}. Blank lines are skipped; a bad line is an
    /// error naming its line number. A missing time repeats the previous line's time (order is what counts).
    /// </summary>
    public static IEnumerable<object> ReadJsonl(TextReader reader, string source)
    {
        int lineNumber = 0;
        DateTimeOffset lastTime = DateTimeOffset.UnixEpoch;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            JsonElement root;
            try
            {
                using var document = JsonDocument.Parse(line);
                root = document.RootElement.Clone();
            }
            catch (JsonException e)
            {
                throw new CommunityOpsException(Errors.At(source, lineNumber, Errors.LineNotValidJson(e.Message)), e);
            }

            var time = Optional(root, "time") is { } t
                ? DateTimeOffset.TryParse(t, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)
                    ? parsed : throw new CommunityOpsException(Errors.At(source, lineNumber, Errors.TimeNotIso(t)))
                : lastTime;
            lastTime = time;
            if (Optional(root, "type") == "join")
            {
                yield return new InspectedJoin(Required(root, "community", source, lineNumber), Required(root, "member", source, lineNumber), time);
                continue;
            }

            yield return new InspectedMessage(
                Optional(root, "id") ?? Optional(root, "message") ?? lineNumber.ToString(CultureInfo.InvariantCulture),
                Required(root, "community", source, lineNumber),
                Optional(root, "channel"),
                Required(root, "member", source, lineNumber),
                root.TryGetProperty("staff", out var staff) && staff.ValueKind == JsonValueKind.True,
                time,
                Optional(root, "text") ?? "",
                root.TryGetProperty("mentions", out var m) && m.TryGetInt32(out int mentions) ? mentions : 0);
        }
    }

    private static string? Optional(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) ? value.ValueKind == JsonValueKind.String ? value.GetString() : value.ValueKind == JsonValueKind.Null ? null : value.ToString() : null;

    private static string Required(JsonElement root, string name, string source, int line) =>
        Optional(root, name) ?? throw new CommunityOpsException(Errors.At(source, line, Errors.PropertyMissing(name)));
}
