using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CommunityOps.Ingestion.Common;
using CommunityOps.Resources;

namespace CommunityOps.Ingestion.WeChat;

internal enum WeChatTool
{
    /// <summary>LC044/WeChatMsg, 12 columns, UTF-8 with BOM.</summary>
    MemoTrace,

    /// <summary>Older MemoTrace: 9 columns, no sender.</summary>
    MemoTraceNoSender,

    /// <summary>xaoyaoo/PyWxDump db/export (2024-08).</summary>
    PyWxDump,

    /// <summary>PyWxDump dbpreprocess/export (2024-04): "content" is a JSON object {src, msg}.</summary>
    PyWxDumpContent,

    /// <summary>The PyWxDump header without room_name, as WeClone-style tools expect it.</summary>
    PyWxDumpNoRoom,
}

internal enum RowKind
{
    Message,
    Notice,
    Ignored,
}

/// <summary>One CSV row, whichever tool wrote it.</summary>
internal sealed record WeChatRow(
    string SourceId, long Ms, string? Room, string Sender, string? SenderName, bool IsSelf, RowKind Kind, string? Text, string? Media);

/// <summary>
/// The header lines the two tools write (docs/formats.md#wechat) and how to read a row of each. Times:
/// MemoTrace's CreateTime is exact epoch seconds; PyWxDump's is local wall-clock text, read in
/// <see cref="ImportOptions.TimeZone"/>.
/// </summary>
internal static class WeChatCsv
{
    private static readonly (string Header, WeChatTool Tool)[] Headers =
    [
        ("localId,TalkerId,Type,SubType,IsSender,CreateTime,Status,StrContent,StrTime,Remark,NickName,Sender", WeChatTool.MemoTrace),
        ("localId,TalkerId,Type,SubType,IsSender,CreateTime,Status,StrContent,StrTime", WeChatTool.MemoTraceNoSender),
        ("id,MsgSvrID,type_name,is_sender,talker,room_name,msg,src,CreateTime", WeChatTool.PyWxDump),
        ("id,MsgSvrID,type_name,is_sender,talker,room_name,content,CreateTime", WeChatTool.PyWxDumpContent),
        ("id,MsgSvrID,type_name,is_sender,talker,msg,src,CreateTime", WeChatTool.PyWxDumpNoRoom),
    ];

    /// <summary>PyWxDump's name for the exporting account when it was not given one.</summary>
    public const string DefaultSelf = "我";

    public static WeChatTool? Detect(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith("\uFEFF"u8))
        {
            head = head[3..];
        }
        var nl = head.IndexOf((byte)'\n');
        var first = (nl < 0 ? head : head[..nl]).TrimEnd("\r"u8);
        foreach (var (header, tool) in Headers)
        {
            if (first.SequenceEqual(Encoding.UTF8.GetBytes(header)))
            {
                return tool;
            }
        }
        return null;
    }

    public static int Columns(WeChatTool tool) => Headers.First(h => h.Tool == tool).Header.Count(c => c == ',') + 1;

    public static WeChatRow Parse(WeChatTool tool, IReadOnlyList<string> f, string file, long line, TimeZoneInfo zone) => tool switch
    {
        WeChatTool.MemoTrace or WeChatTool.MemoTraceNoSender => MemoTrace(tool, f, file, line),
        WeChatTool.PyWxDump => PyWxDump(f[1], f[2], f[3], f[4], f[5], f[6], f[8], file, line, zone),
        WeChatTool.PyWxDumpContent => PyWxDump(f[1], f[2], f[3], f[4], f[5], ContentMsg(f[6]), f[7], file, line, zone),
        _ => PyWxDump(f[1], f[2], f[3], f[4], null, f[5], f[7], file, line, zone),
    };

    private static WeChatRow MemoTrace(WeChatTool tool, IReadOnlyList<string> f, string file, long line)
    {
        var (localId, talkerId, type, subType, isSender, createTime, content) = (f[0], f[1], f[2], f[3], f[4] == "1", f[5], f[7]);
        if (!long.TryParse(createTime, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            throw ImportException.Field(file, line, "CreateTime", Errors.NotEpochSeconds(createTime));
        }
        if (!int.TryParse(type, NumberStyles.None, CultureInfo.InvariantCulture, out var typeCode))
        {
            throw ImportException.Field(file, line, "Type", Errors.NotMessageTypeNumber(type));
        }
        _ = int.TryParse(subType, NumberStyles.None, CultureInfo.InvariantCulture, out var subCode);
        string sender;
        string? name = null;
        if (tool == WeChatTool.MemoTrace && f[11].Length > 0)
        {
            sender = f[11];
            name = f[9].Length > 0 ? f[9] : f[10].Length > 0 ? f[10] : null;
        }
        else
        {
            // The 9-column export does not say who sent a message: only whether it was the exporter.
            sender = isSender ? DefaultSelf : $"talker:{talkerId}";
        }
        var (kind, media) = WeChatTypes.FromCode(typeCode, subCode);
        return new WeChatRow($"{localId}:{createTime}", seconds * 1000, $"talker:{talkerId}", sender, name, isSender, kind,
            kind == RowKind.Notice || (media is null && !IsXml(content)) ? content : null, media);
    }

    private static WeChatRow PyWxDump(string msgSvrId, string typeName, string isSender, string talker, string? room, string msg, string createTime, string file, long line, TimeZoneInfo zone)
    {
        long ms;
        if (DateTime.TryParseExact(createTime, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            ms = TimeParsing.LocalToUnixMs(local, zone);
        }
        else if (long.TryParse(createTime, NumberStyles.None, CultureInfo.InvariantCulture, out var epoch))
        {
            ms = epoch >= 100_000_000_000 ? epoch : epoch * 1000;
        }
        else
        {
            throw ImportException.Field(file, line, "CreateTime", Errors.NotWeChatTime(createTime));
        }
        // Messages that never reached the server (some local notices) have no server id.
        var id = msgSvrId.Length > 0 && msgSvrId != "0" ? msgSvrId : $"local:{createTime}:{Hash(talker, typeName, msg)}";
        var (kind, media) = WeChatTypes.FromName(typeName);
        return new WeChatRow(id, ms, string.IsNullOrEmpty(room) ? null : room, talker, null, isSender == "1", kind,
            kind == RowKind.Notice || media is null || typeName == "引用回复" ? msg : null, media);
    }

    /// <summary>MemoTrace writes app messages (links, quotes, files) as their raw XML: not text anyone wrote.</summary>
    private static bool IsXml(string content) =>
        content.StartsWith("<?xml", StringComparison.Ordinal) || content.StartsWith("<msg", StringComparison.Ordinal);

    private static string ContentMsg(string json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            return doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("msg", out var msg)
                ? msg.ValueKind == JsonValueKind.String ? msg.GetString() ?? "" : msg.GetRawText()
                : "";
        }
        catch (JsonException)
        {
            return json; // a content that is not JSON is the text itself
        }
    }

    private static string Hash(params string[] parts) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\0', parts))).AsSpan(0, 8));
}
