using CommunityOps.Communities;
using CommunityOps.Ingestion.Common;
using CommunityOps.Messages;

namespace CommunityOps.Ingestion.WeChat;

/// <summary>
/// WeChat chat CSV as MemoTrace (LC044/WeChatMsg) or PyWxDump writes it (docs/formats.md#wechat),
/// recognised by its header line. Read twice: first to learn who is behind each display name and who
/// the exporter is (membership notices name people, not ids), then to import.
/// </summary>
public sealed class WeChatImporter : ChatImporter
{
    public override ImportFormat Format => ImportFormat.WeChat;

    public override bool Accepts(ImportInput input, ImportEntry entry, ReadOnlySpan<byte> head) => WeChatCsv.Detect(head) is not null;

    public override void Read(IReadOnlyList<ImportEntry> files, ImportSink sink, CancellationToken ct)
    {
        foreach (var file in files)
        {
            var tool = DetectTool(file);
            var people = Learn(file, tool, sink, ct);
            using var stream = sink.Open(file);
            var rows = Rows(stream, file, tool);
            var notices = new List<NoticeChange>();
            var communities = new Dictionary<string, long>(StringComparer.Ordinal);
            var defaultName = ChatName(file);
            var count = 0;
            while (rows.TryRead())
            {
                if ((rows.LineNumber & 0xFFFF) == 0)
                {
                    ct.ThrowIfCancellationRequested();
                }
                if (rows.IsBlank)
                {
                    continue;
                }
                var row = ParseRow(rows, file, tool, sink);
                count++;
                var room = row.Room ?? defaultName;
                if (!communities.TryGetValue(room, out var community))
                {
                    // MemoTrace names the room only by a row id; the file is named after the chat.
                    var name = tool is WeChatTool.MemoTrace or WeChatTool.MemoTraceNoSender || row.Room is null ? defaultName : room;
                    communities[room] = community = sink.Community(Platform.WeChat, room, name);
                }
                switch (row.Kind)
                {
                    case RowKind.Message:
                        // The 9-column MemoTrace gives the other side of the chat only as the room: name it after the chat.
                        var member = sink.Member(community, row.Sender, row.SenderName ?? (row.Sender == row.Room ? defaultName : null));
                        sink.Message(community, null, member, row.SourceId, row.Ms, string.IsNullOrEmpty(row.Text) ? null : row.Text, mediaKind: row.Media);
                        break;
                    case RowKind.Notice when row.Text is not null && WeChatNotices.TryParse(row.Text, notices):
                        foreach (var change in notices)
                        {
                            var (id, display) = people.Resolve(change.Name);
                            var subject = sink.Member(community, id, display);
                            long? by = null;
                            if (change.By is not null)
                            {
                                var (byId, byDisplay) = people.Resolve(change.By);
                                by = sink.Member(community, byId, byDisplay);
                            }
                            if (change.Kind == ActivityKind.Join)
                            {
                                sink.Join(community, null, subject, $"{row.SourceId}:{id}", row.Ms, by);
                            }
                            else
                            {
                                sink.Leave(community, null, subject, $"{row.SourceId}:{id}", row.Ms, by);
                            }
                        }
                        break;
                    default:
                        break; // recalls, pats, renames, friend requests: not a member's message
                }
            }
            if (count == 0)
            {
                sink.Warn($"{file.DisplayPath}: no messages");
            }
        }
    }

    private static WeChatTool DetectTool(ImportEntry file)
    {
        using var stream = file.Open();
        var head = new byte[4096];
        var n = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        return WeChatCsv.Detect(head.AsSpan(0, n))
            ?? throw ImportException.At(file.DisplayPath, 1, "not a WeChat CSV header (expected the MemoTrace 'localId,TalkerId,Type,…' or PyWxDump 'id,MsgSvrID,type_name,…' columns)");
    }

    private static Utf8CsvReader Rows(Stream stream, ImportEntry file, WeChatTool tool)
    {
        var rows = new Utf8CsvReader(stream, file.DisplayPath);
        rows.TryRead(); // the header, already checked
        return rows;
    }

    private static WeChatRow ParseRow(Utf8CsvReader rows, ImportEntry file, WeChatTool tool, ImportSink sink)
    {
        var expected = WeChatCsv.Columns(tool);
        if (rows.Fields.Count != expected)
        {
            throw ImportException.At(file.DisplayPath, rows.LineNumber, $"expected {expected} columns, found {rows.Fields.Count}");
        }
        return WeChatCsv.Parse(tool, rows.Fields, file.DisplayPath, rows.LineNumber, sink.Options.TimeZone);
    }

    /// <summary>The first pass: display names (remark and nickname) to sender ids, and the exporter's id.</summary>
    private static WeChatPeople Learn(ImportEntry file, WeChatTool tool, ImportSink sink, CancellationToken ct)
    {
        var people = new WeChatPeople();
        using var stream = file.Open();
        var rows = Rows(stream, file, tool);
        while (rows.TryRead())
        {
            if ((rows.LineNumber & 0xFFFF) == 0)
            {
                ct.ThrowIfCancellationRequested();
            }
            if (rows.IsBlank)
            {
                continue;
            }
            var row = ParseRow(rows, file, tool, sink);
            if (row.Kind != RowKind.Message)
            {
                continue;
            }
            if (row.IsSelf)
            {
                people.SelfId ??= row.Sender;
            }
            if (tool == WeChatTool.MemoTrace)
            {
                people.Learn(rows.Fields[9], row.Sender);
                people.Learn(rows.Fields[10], row.Sender);
            }
        }
        if (tool == WeChatTool.MemoTraceNoSender)
        {
            sink.Warn($"{file.DisplayPath}: the 9-column MemoTrace CSV does not name senders; messages not sent by the exporter are all given to the chat");
        }
        return people;
    }

    /// <summary>"Coffee Club_utf8.csv" → "Coffee Club"; PyWxDump's "wxid_0_5000.csv" → "wxid".</summary>
    private static string ChatName(ImportEntry file)
    {
        var name = Path.GetFileNameWithoutExtension(file.FileName);
        if (name.EndsWith("_utf8", StringComparison.Ordinal))
        {
            return name[..^"_utf8".Length];
        }
        var parts = name.Split('_');
        return parts.Length >= 3 && int.TryParse(parts[^1], out _) && int.TryParse(parts[^2], out _)
            ? string.Join('_', parts[..^2])
            : name;
    }

    private sealed class WeChatPeople
    {
        private readonly Dictionary<string, string> _byName = new(StringComparer.Ordinal);

        public string? SelfId { get; set; }

        public void Learn(string name, string id)
        {
            if (name.Length > 0)
            {
                _byName.TryAdd(name, id);
            }
        }

        /// <summary>A notice's name as a member id; someone never seen speaking becomes "name:&lt;name&gt;".</summary>
        public (string Id, string? Display) Resolve(string name) =>
            name == WeChatNotices.Self ? (SelfId ?? WeChatCsv.DefaultSelf, null)
            : _byName.TryGetValue(name, out var id) ? (id, null)
            : ($"name:{name}", name);
    }
}
