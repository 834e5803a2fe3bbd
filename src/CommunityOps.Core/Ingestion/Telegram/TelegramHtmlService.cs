using System.Globalization;
using CommunityOps.Messages;

namespace CommunityOps.Ingestion.Telegram;

/// <summary>
/// Joins and leaves from the English sentences Telegram Desktop writes for service messages in HTML
/// (export_output_html.cpp): "A created group «T» with members B, C and D", "A invited B and C",
/// "A removed B" (a self-leave when A is B), "A joined group by link from B", "A joined group by request".
/// </summary>
/// <remarks>
/// The sentences join names with ", " and " and ", so a name that itself contains those splits wrongly;
/// the JSON export lists names separately and is the one to prefer. Source ids are the JSON importer's:
/// "{msgId}:{name as listed}" for members added or removed, "{msgId}:{member key}" for joins by link or
/// request, the key being the member's id when a JSON import of the chat has given one to that name.
/// </remarks>
internal static class TelegramHtmlService
{
    public static void Add(TelegramChat chat, long id, long ms, string text)
    {
        var prefix = id.ToString(CultureInfo.InvariantCulture) + ":";
        if (Split(text, " created group «", out var actor, out var rest))
        {
            var with = rest.LastIndexOf("» with members ", StringComparison.Ordinal);
            if (with >= 0)
            {
                Members(chat, ActivityKind.Join, prefix, ms, actor, rest[(with + "» with members ".Length)..]);
            }
        }
        else if (Split(text, " invited ", out actor, out rest))
        {
            if (!rest.EndsWith(" to the voice chat", StringComparison.Ordinal) && !rest.EndsWith(" to the video chat", StringComparison.Ordinal))
            {
                Members(chat, ActivityKind.Join, prefix, ms, actor, rest);
            }
        }
        else if (Split(text, " removed ", out actor, out rest))
        {
            if (rest != "group photo")
            {
                Members(chat, ActivityKind.Leave, prefix, ms, actor, rest);
            }
        }
        else if (Split(text, " joined group by link from ", out actor, out rest))
        {
            var member = TelegramChat.Side.Of(chat.Member(TelegramChat.NameKey(actor), actor));
            chat.AddMembership(ActivityKind.Join, prefix + chat.KeyOf(actor), ms, member, TelegramChat.Side.Named(rest), "link");
        }
        else if (text.EndsWith(" joined group by request", StringComparison.Ordinal))
        {
            actor = text[..^" joined group by request".Length];
            var member = TelegramChat.Side.Of(chat.Member(TelegramChat.NameKey(actor), actor));
            chat.AddMembership(ActivityKind.Join, prefix + chat.KeyOf(actor), ms, member, TelegramChat.Side.None, null);
        }
    }

    private static bool Split(string text, string separator, out string before, out string after)
    {
        var at = text.IndexOf(separator, StringComparison.Ordinal);
        before = at > 0 ? text[..at] : "";
        after = at > 0 ? text[(at + separator.Length)..] : "";
        return at > 0;
    }

    private static void Members(TelegramChat chat, ActivityKind kind, string prefix, long ms, string actorName, string list)
    {
        var actor = TelegramChat.Side.Of(chat.Member(TelegramChat.NameKey(actorName), actorName));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in Names(list))
        {
            var sourceId = prefix + name;
            for (var k = 2; !seen.Add(sourceId); k++)
            {
                sourceId = $"{prefix}{name}#{k}";
            }
            var self = name == actorName;
            chat.AddMembership(kind, sourceId, ms, self ? actor : TelegramChat.Side.Named(name), self ? TelegramChat.Side.None : actor, null);
        }
    }

    /// <summary>"A", "A and B", "A, B and C".</summary>
    private static List<string> Names(string list)
    {
        var names = new List<string>();
        var and = list.LastIndexOf(" and ", StringComparison.Ordinal);
        var head = and >= 0 ? list[..and] : list;
        foreach (var name in head.Split(", "))
        {
            names.Add(name.Trim());
        }
        if (and >= 0)
        {
            names.Add(list[(and + " and ".Length)..].Trim());
        }
        return names;
    }
}
