using System.Text.RegularExpressions;

namespace CommunityOps.Ingestion.WhatsApp;

/// <summary>
/// Attachments as the text shows them: "&lt;Media omitted&gt;" (Android, and its translations), "image
/// omitted" (iOS), or the file itself when exported with media ("&lt;attached: 00000042-PHOTO-….jpg&gt;",
/// "IMG-20210428-WA0001.jpg (file attached)").
/// </summary>
internal static partial class WhatsAppMedia
{
    private static readonly Dictionary<string, string> Omitted = new(StringComparer.OrdinalIgnoreCase)
    {
        ["<Media omitted>"] = "media",
        ["image omitted"] = "photo",
        ["video omitted"] = "video",
        ["audio omitted"] = "voice",
        ["sticker omitted"] = "sticker",
        ["GIF omitted"] = "gif",
        ["document omitted"] = "file",
        ["Contact card omitted"] = "contact",
        ["<省略多媒体文件>"] = "media",
        ["<忽略多媒體檔>"] = "media",
        ["<Medien ausgeschlossen>"] = "media",
        ["<Medien weggelassen>"] = "media",
        ["<Multimedia omitido>"] = "media",
        ["<Archivo omitido>"] = "media",
        ["<Médias omis>"] = "media",
        ["<Fichier omis>"] = "media",
        ["<Media omessi>"] = "media",
        ["<Mídia omitida>"] = "media",
        ["<без медиафайлов>"] = "media",
        ["<Файл пропущен>"] = "media",
        ["<メディアなし>"] = "media",
        ["<미디어 파일 제외됨>"] = "media",
        ["<media weggelaten>"] = "media",
        ["<medya dahil edilmedi>"] = "media",
        ["<media tidak disertakan>"] = "media",
    };

    /// <summary>The media kind when the text's first line is an attachment marker; the rest is the caption.</summary>
    public static string? Detect(ref string text)
    {
        var nl = text.IndexOf('\n', StringComparison.Ordinal);
        var first = StripMarks(nl < 0 ? text : text[..nl]).Trim();
        var rest = nl < 0 ? "" : text[(nl + 1)..];
        string? kind = null;
        if (Omitted.TryGetValue(first, out var k))
        {
            kind = k;
        }
        else if (first.EndsWith(" document omitted", StringComparison.OrdinalIgnoreCase))
        {
            kind = "file"; // "report.pdf • 3 pages document omitted"
        }
        else if (Attached().Match(first) is { Success: true } m)
        {
            kind = FromFileName(m.Groups["file"].Value);
        }
        if (kind is not null)
        {
            text = rest;
        }
        return kind;
    }

    private static string StripMarks(string s) => s.Replace("\u200E", "", StringComparison.Ordinal).Replace("\u200F", "", StringComparison.Ordinal);

    private static string FromFileName(string file)
    {
        var upper = file.ToUpperInvariant();
        return upper switch
        {
            _ when upper.Contains("STICKER", StringComparison.Ordinal) || upper.StartsWith("STK-", StringComparison.Ordinal) => "sticker",
            _ when upper.Contains("-GIF-", StringComparison.Ordinal) || upper.EndsWith(".GIF", StringComparison.Ordinal) => "gif",
            _ when upper.Contains("PHOTO", StringComparison.Ordinal) || upper.StartsWith("IMG-", StringComparison.Ordinal) || upper.EndsWith(".JPG", StringComparison.Ordinal) || upper.EndsWith(".JPEG", StringComparison.Ordinal) || upper.EndsWith(".PNG", StringComparison.Ordinal) => "photo",
            _ when upper.Contains("VIDEO", StringComparison.Ordinal) || upper.StartsWith("VID-", StringComparison.Ordinal) || upper.EndsWith(".MP4", StringComparison.Ordinal) => "video",
            _ when upper.Contains("AUDIO", StringComparison.Ordinal) || upper.StartsWith("PTT-", StringComparison.Ordinal) || upper.StartsWith("AUD-", StringComparison.Ordinal) || upper.EndsWith(".OPUS", StringComparison.Ordinal) => "voice",
            _ => "file",
        };
    }

    [GeneratedRegex(@"^(?:<attached: (?<file>[^>]+)>|(?<file>\S.*?) \((?:file attached|Datei angehängt)\)|(?<file>\S.*?) <attached>)$", RegexOptions.ExplicitCapture)]
    private static partial Regex Attached();
}
