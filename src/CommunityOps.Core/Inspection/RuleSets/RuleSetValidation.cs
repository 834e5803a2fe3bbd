using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using CommunityOps.Resources;

namespace CommunityOps.Inspection.RuleSets;

/// <summary>One mistake in a rule set's JSON: the 1-based line it starts on (when known), the field, what is wrong.</summary>
public sealed record RuleSetError(
    [property: JsonPropertyName("line")] int? Line,
    [property: JsonPropertyName("field")] string Field,
    [property: JsonPropertyName("message")] string Message)
{
    /// <summary>Our own words behind <see cref="Message"/>; null when the message is System.Text.Json's.</summary>
    [JsonIgnore]
    public ErrorText? Text { get; init; }

    public string Localized(CultureInfo culture) => Text?.Format(culture) ?? Message;

    internal static RuleSetError Of(int? line, string field, ErrorText text) => new(line, field, text.ToString()) { Text = text };
}

/// <summary>
/// Checks a rule set the way running it would (parsing and compiling: lexicons read, patterns and
/// models loaded) and reports every broken rule with its line, so an editor can point at each mistake
/// instead of the first one.
/// </summary>
public static class RuleSetValidation
{
    private static readonly ErrorText Source = Errors.RuleSetLabel();

    /// <summary>Empty when the JSON compiles.</summary>
    public static IReadOnlyList<RuleSetError> Validate(string json, string? datasetsDirectory = null)
    {
        try
        {
            using var document = JsonDocument.Parse(json, Options);
        }
        catch (JsonException e)
        {
            return [new RuleSetError((int)(e.LineNumber ?? 0) + 1, string.IsNullOrEmpty(e.Path) ? "$" : e.Path, e.Message)];
        }

        try
        {
            Inspector.Create(RuleSetParser.Parse(json, Source, baseDirectory: null), datasetsDirectory);
            return [];
        }
        catch (CommunityOpsException whole)
        {
            // Compile each rule on its own to find every broken one; what fails only together (two rules
            // with one name, no "rules" array) is reported for the whole set.
            var errors = new List<RuleSetError>();
            var rules = RuleLines(json);
            using var document = JsonDocument.Parse(json, Options);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("rules", out var array) && array.ValueKind == JsonValueKind.Array)
            {
                var version = root.TryGetProperty("version", out var v) ? v.GetRawText() : "\"0\"";
                int i = 0;
                foreach (var rule in array.EnumerateArray())
                {
                    var field = rule.ValueKind == JsonValueKind.Object && rule.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String
                        ? $"rules[{i}] ({n.GetString()})" : $"rules[{i}]";
                    try
                    {
                        var single = $$"""{"name":"check","version":{{version}},"rules":[{{rule.GetRawText()}}]}""";
                        Inspector.Create(RuleSetParser.Parse(single, Source, baseDirectory: null), datasetsDirectory);
                    }
                    catch (CommunityOpsException e)
                    {
                        errors.Add(RuleSetError.Of(i < rules.Count ? rules[i] : null, field, Plain(e.Text)));
                    }
                    catch (InvalidOperationException e)
                    {
                        errors.Add(new RuleSetError(i < rules.Count ? rules[i] : null, field, e.Message));
                    }
                    i++;
                }
            }

            return errors.Count > 0 ? errors : [RuleSetError.Of(null, "rules", Plain(whole.Text))];
        }
    }

    private static readonly JsonDocumentOptions Options = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    /// <summary>The line each element of the root "rules" array starts on.</summary>
    private static List<int> RuleLines(string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var lines = new List<int>();
        bool inRules = false;
        while (reader.Read())
        {
            if (reader.CurrentDepth == 1 && reader.TokenType == JsonTokenType.PropertyName)
            {
                inRules = reader.ValueTextEquals("rules");
            }
            else if (inRules && reader.CurrentDepth == 2 && reader.TokenType is JsonTokenType.StartObject or JsonTokenType.String or JsonTokenType.Number
                or JsonTokenType.StartArray or JsonTokenType.True or JsonTokenType.False or JsonTokenType.Null)
            {
                lines.Add(1 + bytes.AsSpan(0, (int)reader.TokenStartIndex).Count((byte)'\n'));
                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                {
                    reader.Skip();
                }
            }
        }

        return lines;
    }

    /// <summary>Messages name the source ("rule set: ..."); the editor shows the field instead.</summary>
    private static ErrorText Plain(ErrorText text) =>
        text.Key == nameof(Errors.Located) && ReferenceEquals(text.Values[0], Source) && text.Values[1] is ErrorText what ? what : text;
}
