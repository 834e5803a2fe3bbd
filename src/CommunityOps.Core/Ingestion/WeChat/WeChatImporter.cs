using CommunityOps.Ingestion.Common;
using CommunityOps.Resources;

namespace CommunityOps.Ingestion.WeChat;

/// <summary>
/// WeChat chat CSV as MemoTrace (LC044/WeChatMsg) or PyWxDump writes it (docs/formats.md#wechat),
/// recognised by its header line. The files of one chat (PyWxDump pages of 5000) are one group, read
/// twice: first to learn who is behind each display name and who the exporter is (membership notices
/// name people, not ids), then to import. PyWxDump's users.json beside the CSV names its wxids.
/// </summary>
public sealed class WeChatImporter : ChatImporter
{
    public override ImportFormat Format => ImportFormat.WeChat;

    public override bool Accepts(ImportInput input, ImportEntry entry, ReadOnlySpan<byte> head) =>
        WeChatCsv.Detect(head) is not null || WeChatUsers.Looks(entry, head);

    /// <summary>The files of one chat (PyWxDump's pages) are one group; a users.json goes with each chat of its folder.</summary>
    public override IEnumerable<IReadOnlyList<ImportEntry>> Group(IReadOnlyList<ImportEntry> accepted)
    {
        var users = accepted.Where(IsUsers).ToLookup(Folder, StringComparer.Ordinal);
        var chats = accepted.Where(e => !IsUsers(e))
            .GroupBy(e => (Folder: Folder(e), Chat: ChatName(e)))
            .Select(g => (IReadOnlyList<ImportEntry>)[.. g.OrderBy(e => e.RelativePath, StringComparer.Ordinal), .. users[g.Key.Folder]])
            .ToList();
        var withChats = chats.SelectMany(c => c).Where(IsUsers).ToHashSet();
        // A users.json without a chat beside it names nobody; it is read alone, to be reported.
        return [.. chats, .. accepted.Where(e => IsUsers(e) && !withChats.Contains(e)).Select(e => (IReadOnlyList<ImportEntry>)[e])];
    }

    private static bool IsUsers(ImportEntry e) => EntryName(e) == WeChatUsers.FileName;

    private static string Folder(ImportEntry e) => e.RelativePath[..^EntryName(e).Length];

    public override void Read(IReadOnlyList<ImportEntry> group, ImportSink sink, CancellationToken ct)
    {
        var people = new WeChatPeople();
        foreach (var users in group.Where(IsUsers))
        {
            WeChatUsers.Load(users, people);
        }
        var files = group.Where(e => !IsUsers(e)).ToList();
        if (files.Count == 0)
        {
            sink.Warn($"{group[0].DisplayPath}: a PyWxDump users.json without chat CSV files beside it; nothing to import");
            return;
        }
        var tools = files.Select(DetectTool).ToList();
        for (var i = 0; i < files.Count; i++)
        {
            Learn(files[i], tools[i], people, sink, ct);
        }
        var reader = new WeChatChatReader(sink, people);
        for (var i = 0; i < files.Count; i++)
        {
            using var stream = sink.Open(files[i]);
            var rows = Rows(stream, files[i]);
            var count = 0;
            while (rows.TryRead())
            {
                if ((rows.LineNumber & 0xFFFF) == 0)
                {
                    ct.ThrowIfCancellationRequested();
                }
                if (!rows.IsBlank)
                {
                    reader.Add(ParseRow(rows, files[i], tools[i], sink), tools[i], ChatName(files[i]));
                    count++;
                }
            }
            if (count == 0)
            {
                sink.Warn($"{files[i].DisplayPath}: no messages");
            }
        }
    }

    private static WeChatTool DetectTool(ImportEntry file)
    {
        using var stream = file.Open();
        var head = new byte[4096];
        var n = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        return WeChatCsv.Detect(head.AsSpan(0, n))
            ?? throw ImportException.At(file.DisplayPath, 1, Errors.NotWeChatCsvHeader());
    }

    private static Utf8CsvReader Rows(Stream stream, ImportEntry file)
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
            throw ImportException.At(file.DisplayPath, rows.LineNumber, Errors.ColumnCount(expected, rows.Fields.Count));
        }
        return WeChatCsv.Parse(tool, rows.Fields, file.DisplayPath, rows.LineNumber, sink.Options.TimeZone);
    }

    /// <summary>The first pass: display names (remark and nickname) to sender ids, and the exporter's id.</summary>
    private static void Learn(ImportEntry file, WeChatTool tool, WeChatPeople people, ImportSink sink, CancellationToken ct)
    {
        using var stream = file.Open();
        var rows = Rows(stream, file);
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
    }

    /// <summary>"Coffee Club_utf8.csv" → "Coffee Club"; PyWxDump's "wxid_0_5000.csv" → "wxid".</summary>
    private static string ChatName(ImportEntry file)
    {
        var name = Path.GetFileNameWithoutExtension(EntryName(file));
        if (name.EndsWith("_utf8", StringComparison.Ordinal))
        {
            return name[..^"_utf8".Length];
        }
        var parts = name.Split('_');
        return parts.Length >= 3 && int.TryParse(parts[^1], out _) && int.TryParse(parts[^2], out _)
            ? string.Join('_', parts[..^2])
            : name;
    }

    /// <summary>The file's own name, also for an entry of a zip found in a folder ("a.zip!x.csv").</summary>
    private static string EntryName(ImportEntry file) => file.RelativePath[(file.RelativePath.LastIndexOfAny(['/', '!']) + 1)..];
}
