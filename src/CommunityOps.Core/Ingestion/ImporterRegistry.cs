using CommunityOps.Ingestion.Discord;
using CommunityOps.Ingestion.Jsonl;
using CommunityOps.Ingestion.Telegram;

namespace CommunityOps.Ingestion;

/// <summary>The formats, in detection order. Add a new importer here and to <see cref="ImportFormat"/>.</summary>
internal static class ImporterRegistry
{
    public static IReadOnlyList<ChatImporter> All { get; } =
    [
        new DiscordJsonImporter(),
        new TelegramJsonImporter(),
        new TelegramHtmlImporter(),
        new DiscordCsvImporter(),
        new JsonlImporter(),
    ];
}
