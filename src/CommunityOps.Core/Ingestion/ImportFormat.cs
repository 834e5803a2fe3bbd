using CommunityOps.Resources;

namespace CommunityOps.Ingestion;

public enum ImportFormat
{
    Telegram,
    TelegramHtml,
    Discord,
    DiscordCsv,
    Slack,
    WhatsApp,
    WeChat,
    Jsonl,
}

public static class ImportFormats
{
    public static string Name(this ImportFormat format) => format switch
    {
        ImportFormat.Telegram => "telegram",
        ImportFormat.TelegramHtml => "telegram-html",
        ImportFormat.Discord => "discord",
        ImportFormat.DiscordCsv => "discord-csv",
        ImportFormat.Slack => "slack",
        ImportFormat.WhatsApp => "whatsapp",
        ImportFormat.WeChat => "wechat",
        ImportFormat.Jsonl => "jsonl",
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };

    public static IReadOnlyList<string> AllNames { get; } = Enum.GetValues<ImportFormat>().Select(Name).ToArray();

    public static ImportFormat Parse(string name) =>
        Enum.GetValues<ImportFormat>().FirstOrDefault(f => f.Name() == name.Trim().ToLowerInvariant(), (ImportFormat)(-1)) is var f && (int)f >= 0
            ? f
            : throw new CommunityOpsException(Errors.UnknownFormat(name, string.Join(", ", AllNames)));
}
