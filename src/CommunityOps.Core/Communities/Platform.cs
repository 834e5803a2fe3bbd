namespace CommunityOps.Communities;

/// <summary>Platform names as stored; lower-case and stable because they are part of every source key.</summary>
public static class Platform
{
    public const string Telegram = "telegram";
    public const string Discord = "discord";
    public const string Slack = "slack";
    public const string WhatsApp = "whatsapp";
    public const string WeChat = "wechat";
    public const string Other = "other";
}
