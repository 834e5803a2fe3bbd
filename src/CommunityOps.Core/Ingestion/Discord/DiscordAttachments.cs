namespace CommunityOps.Ingestion.Discord;

/// <summary>
/// Discord says nothing about an attachment but its name and URL, so the media kind comes from the
/// extension, in the words the Telegram importer uses.
/// </summary>
internal static class DiscordAttachments
{
    public static string Kind(string? fileNameOrUrl)
    {
        if (string.IsNullOrEmpty(fileNameOrUrl))
        {
            return "file";
        }
        var path = fileNameOrUrl.Split('?', 2)[0];
        var name = path[(Math.Max(path.LastIndexOf('/'), path.LastIndexOf('\\')) + 1)..];
        if (name.StartsWith("voice-message", StringComparison.OrdinalIgnoreCase))
        {
            return "voice";
        }
        var dot = name.LastIndexOf('.');
        return (dot >= 0 ? name[(dot + 1)..].ToLowerInvariant() : "") switch
        {
            "png" or "jpg" or "jpeg" or "webp" or "bmp" or "heic" => "photo",
            "gif" => "animation",
            "mp4" or "mov" or "webm" or "mkv" or "avi" => "video",
            "mp3" or "ogg" or "wav" or "m4a" or "flac" or "opus" => "audio",
            _ => "file",
        };
    }
}
