using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using CommunityOps.Ingestion.Common;
using CommunityOps.Messages;

namespace CommunityOps.Ingestion.WhatsApp;

/// <summary>
/// Collects one message (a header line and its continuation lines) at a time and stores it. WhatsApp
/// has no message ids, so an id is made from what two exports of the same chat share: the wall-clock
/// time as written, the author, a hash of the text, and how many times that triple already occurred.
/// </summary>
internal sealed partial class WhatsAppChatReader(ImportSink sink, long community, string chat, string file, DateOrder order)
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
            ?? throw ImportException.At(file, _line, $"cannot read the date and time '{_header.DateText}' {_header.Hour:00}:{_header.Minute:00} (the file's dates are {DateOrderInference.Describe(order)})");
        var ms = TimeParsing.LocalToUnixMs(local, sink.Options.TimeZone);
        var stamp = local.ToString("yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture);
        var body = _body.ToString().TrimEnd('\n', '\r', ' ');
        if (WhatsAppAuthor.TrySplit(body, out var rawAuthor, out var rawText))
        {
            var author = WhatsAppAuthor.Clean(rawAuthor);
            var text = WhatsAppHeader.StripMarks(rawText);
            // iOS writes group notices as if the group were the author, with a mark before the text.
            var looksLikeNotice = (text.Length != rawText.Length || author == chat) && (WhatsAppNotices.TryParse(text, _changes) || WhatsAppNotices.IsOtherNotice(text));
            if (looksLikeNotice)
            {
                StoreChanges(stamp, ms);
            }
            else if (author.Length > 0)
            {
                StoreMessage(author, rawText, text, stamp, ms);
            }
        }
        else if (WhatsAppNotices.TryParse(WhatsAppHeader.StripMarks(body), _changes))
        {
            StoreChanges(stamp, ms);
        }
        // Any other line without an author is a notice (encryption, subject, icon): not a member's doing.
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
            var id = NextId(stamp, change.Kind == ActivityKind.Join ? "join" : "leave", change.Member, change.By ?? "");
            var member = sink.Member(community, change.Member, change.Member);
            long? by = change.By is null ? null : sink.Member(community, change.By, change.By);
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
