using System.Text.Json;
using System.Text.RegularExpressions;

namespace CommunityOps.Ingestion.Slack;

internal static partial class SlackText
{
    /// <summary>
    /// "1355517523.000005" to Unix milliseconds. Read as decimal digits, never as a double: the string
    /// is also the message's identity and must not be rounded.
    /// </summary>
    public static bool TryParseTs(string? ts, out long unixMs)
    {
        unixMs = 0;
        if (string.IsNullOrEmpty(ts))
        {
            return false;
        }
        var dot = ts.IndexOf('.', StringComparison.Ordinal);
        var whole = dot < 0 ? ts.AsSpan() : ts.AsSpan(0, dot);
        var fraction = dot < 0 ? [] : ts.AsSpan(dot + 1);
        if (whole.Length is 0 or > 12 || !All(whole, char.IsAsciiDigit) || !All(fraction, char.IsAsciiDigit))
        {
            return false;
        }
        long ms = 0;
        for (var i = 0; i < 3; i++)
        {
            ms = (ms * 10) + (i < fraction.Length ? fraction[i] - '0' : 0);
        }
        unixMs = (long.Parse(whole, provider: null) * 1000) + ms;
        return true;
    }

    private static bool All(ReadOnlySpan<char> s, Func<char, bool> test)
    {
        foreach (var c in s)
        {
            if (!test(c))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Slack escapes only these three in message text; the rest of mrkdwn is kept as written.</summary>
    public static string? Unescape(string? text) =>
        text is null || !text.Contains('&', StringComparison.Ordinal)
            ? text
            : text.Replace("&lt;", "<", StringComparison.Ordinal).Replace("&gt;", ">", StringComparison.Ordinal).Replace("&amp;", "&", StringComparison.Ordinal);

    /// <summary>Distinct members named as &lt;@U…&gt; or &lt;@U…|name&gt;.</summary>
    public static int Mentions(string? text)
    {
        if (text is null || !text.Contains("<@", StringComparison.Ordinal))
        {
            return 0;
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match m in Mention().Matches(text))
        {
            seen.Add(m.Groups[1].Value);
        }
        return seen.Count;
    }

    [GeneratedRegex(@"<@([UW][A-Z0-9]+)(?:\|[^>]*)?>")]
    private static partial Regex Mention();

    /// <summary>The kind of the first attached file (files[] in current exports, file{} in old ones).</summary>
    public static string? MediaKind(JsonElement message)
    {
        JsonElement file = default;
        if (message.TryGetProperty("files", out var files) && files.ValueKind == JsonValueKind.Array && files.GetArrayLength() > 0)
        {
            file = files[0];
        }
        else if (message.TryGetProperty("file", out var single) && single.ValueKind == JsonValueKind.Object)
        {
            file = single;
        }
        if (file.ValueKind != JsonValueKind.Object)
        {
            return null;
        }
        var mime = Str(file, "mimetype") ?? "";
        return mime switch
        {
            _ when mime.StartsWith("image/gif", StringComparison.OrdinalIgnoreCase) => "gif",
            _ when mime.StartsWith("image/", StringComparison.OrdinalIgnoreCase) => "photo",
            _ when mime.StartsWith("video/", StringComparison.OrdinalIgnoreCase) => "video",
            _ when mime.StartsWith("audio/", StringComparison.OrdinalIgnoreCase) => "audio",
            _ => "file",
        };
    }

    /// <summary>A string property; numbers are given as their text (2016 exports write ids and times as strings, later ones as numbers).</summary>
    public static string? Str(JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var v)
            ? v.ValueKind switch
            {
                JsonValueKind.String => v.GetString(),
                JsonValueKind.Number => v.GetRawText(),
                _ => null,
            }
            : null;

    public static bool Bool(JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.True;

    public static string? NonEmpty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;
}
