using System.Globalization;
using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using CommunityOps.Ingestion.Common;
using CommunityOps.Resources;

namespace CommunityOps.Ingestion.Telegram;

/// <summary>
/// Telegram Desktop's HTML export (formats.md 1.5): <c>messages.html</c>, <c>messages2.html</c>, ... in one
/// folder are one chat, 1,000 messages per page, so each page is parsed whole and dropped before the next.
/// </summary>
/// <remarks>
/// HTML carries no user or chat ids: the chat is found by its title and members by display name, meeting
/// a JSON import of the same chat (see <see cref="TelegramChat"/>); message ids are Telegram's. A continued message
/// (class <c>joined</c>) omits its sender, who is carried forward, across pages too. Service messages have
/// no time of their own: they get the later of the previous message's time and the start of their day.
/// The HTML does not say what kind of chat it is, so personal chats cannot be told apart and are imported.
/// </remarks>
public sealed class TelegramHtmlImporter : ChatImporter
{
    public override ImportFormat Format => ImportFormat.TelegramHtml;

    public override bool KnowsOnlyNames => true;

    public override bool Accepts(ImportInput input, ImportEntry entry, ReadOnlySpan<byte> head) =>
        head.IndexOf("<div class=\"page_wrap\">"u8) >= 0 && head.IndexOf("page_body chat_page"u8) >= 0;

    public override IEnumerable<IReadOnlyList<ImportEntry>> Group(IReadOnlyList<ImportEntry> accepted) =>
        accepted.GroupBy(e => e.Folder, StringComparer.Ordinal)
            .Select(g => (IReadOnlyList<ImportEntry>)g.OrderBy(Page).ThenBy(e => e.FileName, StringComparer.Ordinal).ToList());

    /// <summary>messages.html is page 1, messagesN.html page N; any other name sorts after them.</summary>
    private static int Page(ImportEntry entry)
    {
        var name = entry.FileName;
        if (!name.StartsWith("messages", StringComparison.Ordinal) || !name.EndsWith(".html", StringComparison.Ordinal))
        {
            return int.MaxValue;
        }
        var digits = name["messages".Length..^".html".Length];
        return digits.Length == 0 ? 1 : int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : int.MaxValue;
    }

    public override void Read(IReadOnlyList<ImportEntry> files, ImportSink sink, CancellationToken ct)
    {
        var parser = new HtmlParser(new HtmlParserOptions { IsKeepingSourceReferences = true });
        var history = new History(sink);
        foreach (var file in files)
        {
            ct.ThrowIfCancellationRequested();
            IDocument document;
            using (var stream = sink.Open(file))
            {
                document = parser.ParseDocument(stream);
            }
            using (document)
            {
                history.File = file.DisplayPath;
                var title = document.QuerySelector("div.page_header div.text")?.TextContent.Trim();
                var messages = document.QuerySelector("div.history")
                    ?? throw ImportException.At(file.DisplayPath, 0, Errors.NotTelegramHtmlPage());
                title = string.IsNullOrEmpty(title) ? (file.Folder.Length > 0 ? file.Folder : file.FileName) : title;
                history.Chat ??= new TelegramChat(sink, TelegramChat.NameKey(title), title, resolvesNames: false);
                foreach (var element in messages.Children)
                {
                    if (element.ClassList.Contains("message"))
                    {
                        history.Add(element);
                    }
                }
            }
        }
        history.Finish();
    }

    /// <summary>One chat read page by page: what carries from one message (and page) to the next.</summary>
    private sealed class History(ImportSink sink)
    {
        private readonly TimeZoneInfo _zone = sink.Options.TimeZone;
        private readonly StringBuilder _text = new();
        private string? _sender;
        private readonly List<(long Id, string Text, DateTime? Day, long LastMs, string File)> _services = [];
        private long _lastMs = long.MinValue;
        private DateTime? _day;
        private TimeSpan? _offset;

        public string File { get; set; } = "";
        public TelegramChat? Chat { get; set; }

        public void Add(IElement element)
        {
            var chat = Chat!;
            var idText = element.Id is { } raw && raw.StartsWith("message", StringComparison.Ordinal) ? raw["message".Length..] : null;
            if (!long.TryParse(idText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var id))
            {
                throw ImportException.At(File, LineOf(element), Errors.MessageWithoutNumericId(element.Id ?? ""));
            }
            var body = Child(element, "body");
            if (element.ClassList.Contains("service"))
            {
                var text = body?.TextContent.Trim() ?? "";
                if (id < 0)
                {
                    _day = DateTime.TryParseExact(text, "d MMMM yyyy", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : _day;
                }
                else
                {
                    // Timed when the next dated message has told the page's offset.
                    _services.Add((id, text, _day, _lastMs, File));
                }
                return;
            }
            if (body is null)
            {
                throw ImportException.At(File, LineOf(element), Errors.MessageHasNoBody(id));
            }
            var ms = Time(body, element);
            _lastMs = ms;
            TimeServices();
            if (Child(body, "from_name") is { } from)
            {
                _sender = SenderName(from);
            }
            else if (!element.ClassList.Contains("joined") || _sender is null)
            {
                sink.Warn($"{File}: messages without a sender skipped");
                return;
            }
            var member = chat.Member(TelegramChat.NameKey(_sender!), _sender);
            var content = Part(body, "text");
            var sourceId = id.ToString(CultureInfo.InvariantCulture);
            sink.Message(chat.CommunityId, null, member, sourceId, ms, content is null ? null : Text(content), ReplyTo(body),
                TelegramHtmlMedia.Kind(Part(body, "media_wrap")), isEdited: false, Mentions(content));
            if (Child(body, "reactions") is not null)
            {
                sink.Warn($"{File}: reactions skipped (the HTML export does not say who reacted)");
            }
        }

        public void Finish()
        {
            TimeServices();
            Chat?.Finish();
        }

        /// <summary>A service message's time: the later of the previous message's and the start of its day.</summary>
        private void TimeServices()
        {
            foreach (var (id, text, day, lastMs, file) in _services)
            {
                var dayStart = day is not { } d ? long.MinValue
                    : _offset is { } o ? new DateTimeOffset(d, o).ToUnixTimeMilliseconds()
                    : TimeParsing.LocalToUnixMs(d, _zone);
                var when = Math.Max(lastMs, dayStart);
                if (when == long.MinValue)
                {
                    sink.Warn($"{file}: service messages before any date skipped (no time to give them)");
                    continue;
                }
                TelegramHtmlService.Add(Chat!, id, when, text);
            }
            _services.Clear();
        }

        private long Time(IElement body, IElement element)
        {
            var title = Child(body, "date")?.GetAttribute("title");
            if (title is null || !TryParseTitle(title.Trim(), out var local, out var offset))
            {
                throw ImportException.Field(File, LineOf(element), "date", Errors.NotTelegramHtmlTime(title ?? ""));
            }
            if (offset is { } o)
            {
                _offset = o;
                return new DateTimeOffset(local, o).ToUnixTimeMilliseconds();
            }
            return TimeParsing.LocalToUnixMs(local, _zone);
        }

        private static bool TryParseTitle(string title, out DateTime local, out TimeSpan? offset)
        {
            offset = null;
            var utc = title.IndexOf(" UTC", StringComparison.Ordinal);
            var clock = utc >= 0 ? title[..utc] : title;
            if (!DateTime.TryParseExact(clock, "dd.MM.yyyy HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out local))
            {
                return false;
            }
            if (utc >= 0)
            {
                var zone = title[(utc + 4)..];
                if (zone.Length == 0)
                {
                    offset = TimeSpan.Zero;
                }
                else if (TimeSpan.TryParseExact(zone.TrimStart('+', '-'), @"hh\:mm", CultureInfo.InvariantCulture, out var span))
                {
                    offset = zone[0] == '-' ? -span : span;
                }
                else
                {
                    return false;
                }
            }
            return true;
        }

        /// <summary>The name before any " via @bot"; a forwarded message's original author is inside, not here.</summary>
        private static string SenderName(IElement from)
        {
            var name = new StringBuilder();
            foreach (var node in from.ChildNodes)
            {
                if (node.NodeType == NodeType.Text)
                {
                    name.Append(node.TextContent);
                }
            }
            var text = name.ToString().Trim();
            var via = text.LastIndexOf(" via @", StringComparison.Ordinal);
            if (via > 0 && text.IndexOf(' ', via + 6) < 0)
            {
                text = text[..via].TrimEnd();
            }
            return text.Length == 0 ? TelegramChat.DeletedAccount : text;
        }

        private static string? ReplyTo(IElement body)
        {
            var href = Part(body, "reply_to")?.QuerySelector("a")?.GetAttribute("href");
            var at = href?.IndexOf("go_to_message", StringComparison.Ordinal) ?? -1;
            return at >= 0 && long.TryParse(href.AsSpan(at + "go_to_message".Length), NumberStyles.None, CultureInfo.InvariantCulture, out var target)
                ? target.ToString(CultureInfo.InvariantCulture)
                : null;
        }

        private string? Text(IElement content)
        {
            _text.Clear();
            Append(content);
            var text = _text.ToString().Trim();
            return text.Length == 0 ? null : text;
        }

        private void Append(INode node)
        {
            foreach (var child in node.ChildNodes)
            {
                if (child.NodeType == NodeType.Text)
                {
                    _text.Append(child.TextContent);
                }
                else if (child is IElement e)
                {
                    if (e.LocalName == "br")
                    {
                        _text.Append('\n');
                    }
                    else
                    {
                        Append(e);
                    }
                }
            }
        }

        private static int Mentions(IElement? content)
        {
            var count = 0;
            if (content is null)
            {
                return 0;
            }
            foreach (var a in content.QuerySelectorAll("a"))
            {
                if (a.TextContent.StartsWith('@') || (a.GetAttribute("onclick")?.Contains("ShowMentionName", StringComparison.Ordinal) ?? false))
                {
                    count++;
                }
            }
            return count;
        }

        private static IElement? Child(IElement parent, string cls)
        {
            foreach (var child in parent.Children)
            {
                if (child.ClassList.Contains(cls))
                {
                    return child;
                }
            }
            return null;
        }

        /// <summary>A part of the message body; for a forwarded message it sits inside the "forwarded body" block.</summary>
        private static IElement? Part(IElement body, string cls)
        {
            foreach (var child in body.Children)
            {
                if (child.ClassList.Contains(cls))
                {
                    return child;
                }
                if (child.ClassList.Contains("forwarded") && child.ClassList.Contains("body") && Child(child, cls) is { } inner)
                {
                    return inner;
                }
            }
            return null;
        }

        private static int LineOf(IElement element) => element.SourceReference?.Position.Line ?? 0;
    }
}
