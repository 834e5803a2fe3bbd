using CommunityOps.Ingestion.Discord;
using CommunityOps.Ingestion.Jsonl;
using CommunityOps.Ingestion.Slack;
using CommunityOps.Ingestion.Telegram;
using CommunityOps.Ingestion.WeChat;
using CommunityOps.Ingestion.WhatsApp;

namespace CommunityOps.Ingestion;

/// <summary>The formats, in detection order. Add a new importer here and to <see cref="ImportFormat"/>.</summary>
internal static class ImporterRegistry
{
    public static IReadOnlyList<ChatImporter> All { get; } =
    [
        // Slack first: it claims every json file of an export folder by the folder's layout.
        new SlackImporter(),
        new DiscordJsonImporter(),
        new TelegramJsonImporter(),
        new TelegramHtmlImporter(),
        new DiscordCsvImporter(),
        new WeChatImporter(),
        new WhatsAppImporter(),
        new JsonlImporter(),
    ];
}
