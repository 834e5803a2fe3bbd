using System.Text.RegularExpressions;
using CommunityOps.Messages;

namespace CommunityOps.Ingestion.WhatsApp;

/// <summary>A join or leave read from a system line: who, and who added or removed them.</summary>
internal readonly record struct MembershipChange(ActivityKind Kind, string Member, string? By);

/// <summary>
/// System lines, which WhatsApp writes in the phone's language. Joins and leaves are understood in
/// English and Chinese (the list is in docs/formats.md#whatsapp); every other notice (encryption,
/// subject, icon, security code) is recognised only so that it is not taken for a message.
/// </summary>
internal static partial class WhatsAppNotices
{
    /// <summary>The exporter, whom system lines call "You" (or 你).</summary>
    public const string You = "You";

    private static readonly string[] OtherNoticePrefixes =
    [
        "Messages and calls are end-to-end encrypted",
        "Messages to this group are now secured",
        "Messages you send to this group are now secured",
        "Messages you send to this chat",
        "消息和通话已进行端到端加密",
        "消息和通话都进行端到端加密",
    ];

    public static bool TryParse(string text, List<MembershipChange> changes)
    {
        changes.Clear();
        text = text.Trim();
        Match m;
        if ((m = JoinedByLink().Match(text)).Success || (m = JoinedByLinkZh().Match(text)).Success)
        {
            changes.Add(new(ActivityKind.Join, Person(m.Groups["a"].Value), null));
        }
        else if ((m = Created().Match(text)).Success || (m = CreatedZh().Match(text)).Success)
        {
            // The creator is the group's first member.
            changes.Add(new(ActivityKind.Join, Person(m.Groups["a"].Value), null));
        }
        else if ((m = WereAdded().Match(text)).Success)
        {
            changes.Add(new(ActivityKind.Join, Person(m.Groups["a"].Value), null));
        }
        else if ((m = WasRemoved().Match(text)).Success)
        {
            changes.Add(new(ActivityKind.Leave, Person(m.Groups["a"].Value), null));
        }
        else if ((m = Added().Match(text)).Success || (m = AddedZh().Match(text)).Success)
        {
            AddEach(changes, ActivityKind.Join, m);
        }
        else if ((m = Removed().Match(text)).Success || (m = RemovedZh().Match(text)).Success)
        {
            AddEach(changes, ActivityKind.Leave, m);
        }
        else if ((m = Left().Match(text)).Success || (m = LeftZh().Match(text)).Success)
        {
            changes.Add(new(ActivityKind.Leave, Person(m.Groups["a"].Value), null));
        }
        return changes.Count > 0;
    }

    /// <summary>A notice that is not about membership: never a message, never an event.</summary>
    public static bool IsOtherNotice(string text) =>
        OtherNoticePrefixes.Any(p => text.StartsWith(p, StringComparison.OrdinalIgnoreCase));

    private static void AddEach(List<MembershipChange> changes, ActivityKind kind, Match m)
    {
        var by = Person(m.Groups["a"].Value);
        foreach (var name in ListSeparator().Split(m.Groups["b"].Value))
        {
            if (!string.IsNullOrWhiteSpace(name))
            {
                changes.Add(new(kind, Person(name), by));
            }
        }
    }

    private static string Person(string name)
    {
        name = WhatsAppAuthor.Clean(name);
        return name is "you" or "You" or "你" or "您" ? You : name;
    }

    // A name never holds a quote: that keeps "X changed the subject to "Y added Z"" from reading as an add.
    private const string Name = @"[^""“”]+?";

    [GeneratedRegex(@"^(?<a>" + Name + @") joined (?:using this group[’']s invite link|using a group link|using an invite link|from the community)\.?$")]
    private static partial Regex JoinedByLink();

    [GeneratedRegex(@"^(?<a>" + Name + @")\s?通过(?:此群组的邀请链接|群组链接|邀请链接)加入。?$")]
    private static partial Regex JoinedByLinkZh();

    [GeneratedRegex(@"^(?<a>" + Name + @") created (?:the )?group [""“].*[""”]\.?$")]
    private static partial Regex Created();

    [GeneratedRegex(@"^(?<a>" + Name + @")\s?创建了群组\s?[""“].*[""”]。?$")]
    private static partial Regex CreatedZh();

    [GeneratedRegex(@"^(?<a>" + Name + @") (?:was|were) added\.?$")]
    private static partial Regex WereAdded();

    [GeneratedRegex(@"^(?<a>" + Name + @") (?:was|were) removed\.?$")]
    private static partial Regex WasRemoved();

    [GeneratedRegex(@"^(?<a>" + Name + @") added (?<b>[^""“”]+?)\.?$")]
    private static partial Regex Added();

    [GeneratedRegex(@"^(?<a>" + Name + @")\s?添加了\s?(?<b>[^""“”]+?)。?$")]
    private static partial Regex AddedZh();

    [GeneratedRegex(@"^(?<a>" + Name + @") removed (?<b>[^""“”]+?)\.?$")]
    private static partial Regex Removed();

    [GeneratedRegex(@"^(?<a>" + Name + @")\s?移除了\s?(?<b>[^""“”]+?)。?$")]
    private static partial Regex RemovedZh();

    [GeneratedRegex(@"^(?<a>" + Name + @") left\.?$")]
    private static partial Regex Left();

    [GeneratedRegex(@"^(?<a>" + Name + @")\s?(?:已退出|退出了群组|退出了)。?$")]
    private static partial Regex LeftZh();

    [GeneratedRegex(@",\s+and\s+|,\s*|\s+and\s+|、|，|\s和\s")]
    private static partial Regex ListSeparator();
}
