using System.Globalization;
using System.Resources;
using System.Text.Json;

namespace CommunityOps;

/// <summary>
/// The stored form of an <see cref="ErrorText"/>: its resources, key and values as JSON, for a message that
/// is shown later and to other readers (an import job's failure), so each reader still gets their language.
/// </summary>
public sealed partial class ErrorText
{
    /// <summary>This text with every string value (at any depth) passed through <paramref name="change"/>, e.g. to hide a server path.</summary>
    public ErrorText WithStrings(Func<string, string> change) => new(_resources, Key, [.. _values.Select(value => value switch
    {
        string s => change(s),
        ErrorText text => text.WithStrings(change),
        IEnumerable<ErrorText> list => list.Select(t => t.WithStrings(change)).ToList(),
        var other => other,
    })]);

    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            Write(json);
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>
    /// The text <see cref="ToJson"/> wrote, looked up in Core's errors or in <paramref name="host"/>; null when it
    /// names other resources or is not such JSON, and the caller shows the English copy it kept instead.
    /// </summary>
    public static ErrorText? FromJson(string json, ResourceManager? host = null)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return Read(document.RootElement, host);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or KeyNotFoundException)
        {
            return null;
        }
    }

    private void Write(Utf8JsonWriter json)
    {
        json.WriteStartObject();
        json.WriteString("resources", _resources.BaseName);
        json.WriteString("key", Key);
        json.WriteStartArray("values");
        foreach (var value in _values)
        {
            switch (value)
            {
                case null: json.WriteNullValue(); break;
                case ErrorText text: text.Write(json); break;
                case IEnumerable<ErrorText> list:
                    json.WriteStartArray();
                    foreach (var text in list)
                    {
                        text.Write(json);
                    }
                    json.WriteEndArray();
                    break;
                case int or long: json.WriteNumberValue(Convert.ToInt64(value, CultureInfo.InvariantCulture)); break;
                case double d: json.WriteNumberValue(d); break;
                default: json.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture)); break;
            }
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static ErrorText? Read(JsonElement element, ResourceManager? host)
    {
        var resources = element.GetProperty("resources").GetString();
        var key = element.GetProperty("key").GetString()!;
        var values = new List<object?>();
        foreach (var value in element.GetProperty("values").EnumerateArray())
        {
            switch (value.ValueKind)
            {
                case JsonValueKind.Null: values.Add(null); break;
                case JsonValueKind.String: values.Add(value.GetString()); break;
                case JsonValueKind.Number: values.Add(value.TryGetInt64(out var n) ? n : value.GetDouble()); break;
                case JsonValueKind.Object:
                    if (Read(value, host) is not { } text)
                    {
                        return null;
                    }
                    values.Add(text);
                    break;
                default:
                    var list = value.EnumerateArray().Select(e => Read(e, host)).ToList();
                    if (list.Any(t => t is null))
                    {
                        return null;
                    }
                    values.Add(list.Cast<ErrorText>().ToList());
                    break;
            }
        }
        return resources == Resources.Errors.BaseName ? Resources.Errors.Stored(key, [.. values])
            : host is not null && resources == host.BaseName ? new ErrorText(host, key, [.. values])
            : null;
    }
}
