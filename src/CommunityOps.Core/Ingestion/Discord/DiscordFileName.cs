using System.Text.RegularExpressions;

namespace CommunityOps.Ingestion.Discord;

/// <summary>
/// What DiscordChatExporter's default file name says (formats.md 2.1):
/// "{Guild} - {Category} - {Channel} [{channelId}]", then an optional " (after to before)" range and a
/// " [part N]" partition, then the extension. A CSV file carries no ids of its own, so this is where its
/// channel id and guild name come from.
/// </summary>
internal sealed partial record DiscordFileName(string Guild, string Channel, string? ChannelId)
{
    [GeneratedRegex(@"^(?<title>.+?) \[(?<id>\d+)\](?: \([^)]*\))?(?: \[part \d+\])?$")]
    private static partial Regex Pattern();

    public static DiscordFileName Parse(string fileName)
    {
        var stem = Path.GetFileNameWithoutExtension(fileName);
        var match = Pattern().Match(stem);
        var title = match.Success ? match.Groups["title"].Value : stem;
        var parts = title.Split(" - ");
        return new DiscordFileName(parts[0].Trim(), parts[^1].Trim(), match.Success ? match.Groups["id"].Value : null);
    }
}
