using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using CommunityOps.Ingestion.Common;
using CommunityOps.Messages;
using CommunityOps.Resources;

namespace CommunityOps.Ingestion.WhatsApp;

/// <summary>
/// Collects one message (a header line and its continuation lines) at a time and stores it. WhatsApp
/// has no message ids, so an id is made from what two exports of the same chat share: the wall-clock
/// time as written, the author, a hash of the text, and how many times that triple already occurred.
/// System lines' "You" is the <paramref name="exporter"/>'s member when they are known.
/// </summary>
internal sealed partial class WhatsAppChatReader(ImportSink sink, long community, string chat, string file, DateOrder order, string? exporter)
{
    private const string EditedMark = "<This message was edited>";

    private static readonly HashSet<string> DeletedMarks = new(StringComparer.Ordinal)
    {
        "This message was deleted", "This message was deleted.", "You deleted this message", "You deleted this message.", "此消息已删除", "你删除了此消息",
    };

    private readonly StringBuilder _body = new();
    private readonly List<MembershipChange> _changes = [];
    private readonly Dictionary<string, int> _occurrences = new(StringComparer.Ordinal);
    private string? _occurrenceStamp;
    private WhatsAppHeader _header;
    private long _line;
    private bool _open;

    public void Begin(in WhatsAppHeader header, long line)
    {
        End();
        _header = header;
        _line = line;
        _body.Clear().Append(header.Body);
        _open = true;
    }

    public void Continue(ReadOnlySpan<byte> line)
    {
        if (_open)
        {
            _body.Append('\n').Append(Encoding.UTF8.GetString(line));
        }
    }

    public void End()
    {
        if (!_open)
        {
            return;
        }
        _open = false;
        var local = _header.ToLocal(order)
            ?? throw ImportException.At(file, _line, Errors.CannotReadDateTime(_header.DateText, _header.Hour, _header.Minute, DateOrderInference.Describe(order)));
        var ms = TimeParsing.LocalToUnixMs(local, sink.Options.TimeZone);
        var stamp = local.ToString("yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture);
        var body = _body.ToString().TrimEnd('\n', '\r', ' ');
        switch (Classify(body, chat, _changes, out var author, out var rawText, out var text))
        {
            case LineKind.Message:
                StoreMessage(author, rawText, text, stamp, ms);
                break;
            case LineKind.Membership:
                StoreChanges(stamp, ms);
                break;
            default:
                break;
        }
    }

    internal enum LineKind
    {
        Message,
        Membership,

        /// <summary>A notice (encryption, subject, icon) or nothing at all: not a member's doing.</summary>
        Other,
    }

    /// <summary>What the text after a header is; for a membership line, <paramref name="changes"/> holds the changes.</summary>
    internal static LineKind Classify(string body, string chat, List<MembershipChange> changes, out string author, out string rawText, out string text)
    {
        if (WhatsAppAuthor.TrySplit(body, out var rawAuthor, out rawText))
        {
            author = WhatsAppAuthor.Clean(rawAuthor);
            text = WhatsAppHeader.StripMarks(rawText);
            // iOS writes group notices as if the group were the author, with a mark before the text.
            if ((text.Length != rawText.Length || author == chat) && (WhatsAppNotices.TryParse(text, changes) || WhatsAppNotices.IsOtherNotice(text)))
            {
                return changes.Count > 0 ? LineKind.Membership : LineKind.Other;
            }
            return author.Length > 0 ? LineKind.Message : LineKind.Other;
        }
        author = text = "";
        return WhatsAppNotices.TryParse(WhatsAppHeader.StripMarks(body), changes) ? LineKind.Membership : LineKind.Other;
    }

    private void StoreMessage(string author, string rawText, string text, string stamp, long ms)
    {
        var edited = text.EndsWith(EditedMark, StringComparison.Ordinal);
        if (edited)
        {
            text = text[..^EditedMark.Length];
        }
        var media = WhatsAppMedia.Detect(ref text);
        text = text.Trim();
        if (DeletedMarks.Contains(text))
        {
            text = ""; // it was sent, so it counts; its words are gone
        }
        var member = sink.Member(community, author, author);
        var id = NextId(stamp, "message", author, rawText);
        sink.Message(community, null, member, id, ms, text.Length == 0 ? null : text, mediaKind: media, isEdited: edited,
            mentions: Mentions(text));
    }

    private void StoreChanges(string stamp, long ms)
    {
        foreach (var change in _changes)
        {
            // Keyed by the names as written ("You"), so that the ids do not depend on who "You" turned out to be.
            var id = NextId(stamp, change.Kind == ActivityKind.Join ? "join" : "leave", change.Member, change.By ?? "");
            var member = Person(change.Member);
            long? by = change.By is null ? null : Person(change.By);
            if (change.Kind == ActivityKind.Join)
            {
                sink.Join(community, null, member, id, ms, by);
            }
            else
            {
                sink.Leave(community, null, member, id, ms, by);
            }
        }
    }

    private long Person(string name) =>
        name == WhatsAppNotices.You && exporter is not null ? sink.Member(community, exporter, exporter) : sink.Member(community, name, name);

    /// <summary>
    /// "20240105T203100-1f2e3d4c5b6a7980-0". Occurrences are counted within one timestamp only, so that
    /// memory stays flat however long the chat; exports are in time order, so a timestamp does not return.
    /// </summary>
    private string NextId(string stamp, string kind, string who, string what)
    {
        if (!string.Equals(stamp, _occurrenceStamp, StringComparison.Ordinal))
        {
            _occurrences.Clear();
            _occurrenceStamp = stamp;
        }
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{kind}\0{who}\0{what}")).AsSpan(0, 8));
        var n = _occurrences.GetValueOrDefault(hash);
        _occurrences[hash] = n + 1;
        return $"{stamp}-{hash}-{n}";
    }

    /// <summary>@-mentions as WhatsApp writes them: "@Name" or "@4915112345678".</summary>
    private static int Mentions(string text) => text.Contains('@', StringComparison.Ordinal) ? Mention().Count(text) : 0;

    [GeneratedRegex(@"(?<![\w@])@[\p{L}\p{N}+]")]
    private static partial Regex Mention();
}
