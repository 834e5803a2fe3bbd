using System.Text;
using System.Text.Json;

namespace CommunityOps.Ingestion.Common;

/// <summary>
/// What the first bytes of a JSON file say about its root object: the names of its properties, in
/// order, and their string or number values, as far as the head reaches. Format detection looks at
/// structure rather than at words that could as well appear inside a message.
/// </summary>
internal sealed class JsonHead
{
    private JsonHead(List<(string Name, string? Value)> properties) => Properties = properties;

    public IReadOnlyList<(string Name, string? Value)> Properties { get; }

    public bool Has(string name)
    {
        foreach (var (n, _) in Properties)
        {
            if (n == name)
            {
                return true;
            }
        }
        return false;
    }

    public string? Value(string name)
    {
        foreach (var (n, v) in Properties)
        {
            if (n == name)
            {
                return v;
            }
        }
        return null;
    }

    /// <summary>Null when the head does not start a JSON object.</summary>
    public static JsonHead? Read(ReadOnlySpan<byte> head, bool complete)
    {
        if (head.StartsWith("\uFEFF"u8))
        {
            head = head[3..];
        }
        // Telegram's \xNN escapes would stop a strict reader early; they cannot occur in property names.
        var bytes = head.IndexOf("\\x"u8) >= 0 ? Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(head).Replace("\\x", "\\u00", StringComparison.Ordinal)) : head.ToArray();
        var reader = new Utf8JsonReader(bytes, complete, default);
        var properties = new List<(string, string?)>();
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString()!;
                if (!reader.Read())
                {
                    properties.Add((name, null));
                    break;
                }
                string? value = reader.TokenType switch
                {
                    JsonTokenType.String => reader.GetString(),
                    JsonTokenType.Number => Encoding.UTF8.GetString(reader.ValueSpan),
                    _ => null,
                };
                properties.Add((name, value));
                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray && !reader.TrySkip())
                {
                    break;
                }
            }
        }
        catch (JsonException)
        {
            // Whatever was read before the bad byte still describes the file.
        }
        return new JsonHead(properties);
    }
}
