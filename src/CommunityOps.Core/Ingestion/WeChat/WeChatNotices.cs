using System.Text.RegularExpressions;
using CommunityOps.Messages;

namespace CommunityOps.Ingestion.WeChat;

/// <summary>A join or removal named by a notice; names are as the exporter's client showed them.</summary>
internal readonly record struct NoticeChange(ActivityKind Kind, string Name, string? By);

/// <summary>
/// Group membership notices (Type 10000), free text in the account's language. The patterns are the
/// ones wechaty tests (docs/formats.md#wechat); 撤回, 拍一拍, 修改群名 and the rest match none and are dropped.
/// Voluntary leaves are not announced in WeChat, so leaves here are removals.
/// </summary>
internal static partial class WeChatNotices
{
    /// <summary>The exporting account (你 / You in notices).</summary>
    public const string Self = "\0self";

    public static bool TryParse(string text, List<NoticeChange> changes)
    {
        changes.Clear();
        text = PlainText(text).Trim();
        Match m;
        if ((m = InvitedZh().Match(text)).Success || (m = InvitedEn().Match(text)).Success)
        {
            var by = Name(m.Groups["a"].Value);
            foreach (var name in Names(m.Groups["b"].Value))
            {
                changes.Add(new(ActivityKind.Join, name, by));
            }
        }
        else if ((m = ScannedZh().Match(text)).Success || (m = ScannedEn().Match(text)).Success)
        {
            changes.Add(new(ActivityKind.Join, Name(m.Groups["b"].Value), Name(m.Groups["a"].Value)));
        }
        else if ((m = RemovedZh().Match(text)).Success || (m = RemovedEn().Match(text)).Success)
        {
            var by = Name(m.Groups["a"].Value);
            foreach (var name in Names(m.Groups["b"].Value))
            {
                changes.Add(new(ActivityKind.Leave, name, by));
            }
        }
        else if ((m = WasRemovedZh().Match(text)).Success)
        {
            changes.Add(new(ActivityKind.Leave, Self, Name(m.Groups["a"].Value)));
        }
        return changes.Count > 0;
    }

    /// <summary>Some notices are stored as XML or with links around names; only their text matters.</summary>
    private static string PlainText(string text) =>
        text.Contains('<', StringComparison.Ordinal) ? Tag().Replace(CData().Replace(text, "$1"), "") : text;

    private static IEnumerable<string> Names(string list) =>
        ListSeparator().Split(Unquote(list)).Where(n => !string.IsNullOrWhiteSpace(n)).Select(Name);

    private static string Name(string name)
    {
        name = Unquote(name.Trim()).Trim();
        return name is "你" or "您" or "You" or "you" ? Self : name;
    }

    private static string Unquote(string s) => s.Trim().Trim('"', '“', '”', '「', '」');

    private const string Who = @"(?<a>你|""[^""]+""|“[^”]+”|[^""“”\s][^""“”]*?)";
    private const string Whom = @"(?<b>""[^""]+""|“[^”]+”|[^""“”]+?)";

    // 你邀请"A"加入了群聊 / "A"邀请"B、C"加入了群聊
    [GeneratedRegex("^" + Who + "邀请" + Whom + "加入了群聊")]
    private static partial Regex InvitedZh();

    // A invited B、C to the group chat / "A" invited "B" to the group chat
    [GeneratedRegex("^" + Who + " invited " + Whom + @" to (?:join )?the group chat")]
    private static partial Regex InvitedEn();

    // "A"通过扫描你分享的二维码加入群聊 / "A"通过扫描"B"分享的二维码加入群聊
    [GeneratedRegex("^" + Whom + "通过扫描" + Who + "分享的二维码加入群聊")]
    private static partial Regex ScannedZh();

    // "A" joined the group chat via the QR Code shared by "B".
    [GeneratedRegex("^" + Whom + " joined the group chat via the QR [Cc]ode shared by " + Who + @"\.?$")]
    private static partial Regex ScannedEn();

    // 你将"A"移出了群聊 / X将Y移出了群聊
    [GeneratedRegex("^" + Who + "将" + Whom + "移出了群聊")]
    private static partial Regex RemovedZh();

    // You removed "A" from the group chat
    [GeneratedRegex("^" + Who + " removed " + Whom + " from the group chat")]
    private static partial Regex RemovedEn();

    // 你被"A"移出群聊
    [GeneratedRegex("^你被" + Who + "移出群聊")]
    private static partial Regex WasRemovedZh();

    [GeneratedRegex(@"、|，|,\s*")]
    private static partial Regex ListSeparator();

    [GeneratedRegex(@"<!\[CDATA\[(.*?)\]\]>", RegexOptions.Singleline)]
    private static partial Regex CData();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tag();
}
