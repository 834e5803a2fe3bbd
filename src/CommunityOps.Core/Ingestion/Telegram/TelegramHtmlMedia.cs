using AngleSharp.Dom;

namespace CommunityOps.Ingestion.Telegram;

/// <summary>
/// The media kind of an HTML message, in the JSON importer's words. Telegram Desktop draws a thumbnail
/// (photo_wrap, sticker_wrap, ...) when it has one and a generic block (media_photo, media_video, ...)
/// otherwise; the generic block's title tells a sticker from a photo and an animation from a video.
/// </summary>
internal static class TelegramHtmlMedia
{
    public static string? Kind(IElement? mediaWrap)
    {
        var media = mediaWrap?.FirstElementChild;
        if (media is null)
        {
            return null;
        }
        var classes = media.ClassList;
        if (classes.Contains("photo_wrap"))
        {
            return "photo";
        }
        if (classes.Contains("sticker_wrap"))
        {
            return "sticker";
        }
        if (classes.Contains("animated_wrap"))
        {
            return "animation";
        }
        if (classes.Contains("video_file_wrap"))
        {
            return "video";
        }
        var title = media.QuerySelector("div.title")?.TextContent.Trim();
        if (classes.Contains("media_photo"))
        {
            return title == "Sticker" ? "sticker" : "photo";
        }
        if (classes.Contains("media_video"))
        {
            return title switch
            {
                "Animation" => "animation",
                "Video message" => "video_message",
                _ => "video",
            };
        }
        if (classes.Contains("media_voice_message"))
        {
            return "voice";
        }
        if (classes.Contains("media_audio_file"))
        {
            return "audio";
        }
        if (classes.Contains("media_file"))
        {
            return "file";
        }
        if (classes.Contains("media_poll"))
        {
            return "poll";
        }
        if (classes.Contains("media_location") || classes.Contains("media_live_location") || classes.Contains("media_venue"))
        {
            return "location";
        }
        if (classes.Contains("media_contact"))
        {
            return "contact";
        }
        return null;
    }
}
