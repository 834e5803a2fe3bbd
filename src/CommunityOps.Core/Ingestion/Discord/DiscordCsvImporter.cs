using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CommunityOps.Communities;
using CommunityOps.Ingestion.Common;
using CommunityOps.Resources;

namespace CommunityOps.Ingestion.Discord;

/// <summary>
/// DiscordChatExporter's CSV (formats.md 2.3) in both dialects: 2.15's semicolons with a trailing ";"
/// and "03-Apr-18 01:48 AM" dates in the exporter's local time, and the comma dialect of 2.16 on, whose
/// dates became ISO 8601 with an offset in 2.41.
/// </summary>
/// <remarks>
/// CSV has no message, channel or guild ids. The channel id comes from the exporter's file name when it
/// is still there ("... [channelId].csv"); the guild is known by name only, so it is the community
/// "name:&lt;guild&gt;" (not the same community as a JSON export of that server, which has the guild id).
/// A message's source id is built from what identifies it: channel, author id, instant, a hash of the
/// content and attachments, and an index among identical rows of the same instant, which keeps re-imports
/// and overlapping exports idempotent. Dates without an offset are read in ImportOptions.TimeZone.
/// </remarks>
public sealed class DiscordCsvImporter : ChatImporter
{
    private static readonly string[] LocalFormats =
    [
        "dd-MMM-yy hh:mm tt", "dd-MMM-yy h:mm tt", "dd-MMM-yyyy hh:mm tt", "yyyy-MM-ddTHH:mm:ss.FFFFFFF", "yyyy-MM-dd HH:mm:ss.FFFFFFF", "yyyy-MM-dd HH:mm",
    ];

    public override ImportFormat Format => ImportFormat.DiscordCsv;

    public override bool Accepts(ImportInput input, ImportEntry entry, ReadOnlySpan<byte> head)
    {
        if (head.StartsWith("\uFEFF"u8))
        {
            head = head[3..];
        }
        return head.StartsWith("AuthorID,Author,Date,Content"u8) || head.StartsWith("AuthorID;Author;Date;Content"u8)
            || head.StartsWith("\"AuthorID\",\"Author\",\"Date\",\"Content\""u8) || head.StartsWith("\"AuthorID\";\"Author\";\"Date\";\"Content\""u8);
    }

    public override void Read(IReadOnlyList<ImportEntry> files, ImportSink sink, CancellationToken ct)
    {
        foreach (var file in files)
        {
            var name = DiscordFileName.Parse(file.FileName);
            var community = sink.Community(Platform.Discord, "name:" + name.Guild, name.Guild);
            var channelKey = name.ChannelId ?? "name:" + name.Channel;
            var channel = sink.Channel(community, channelKey, name.Channel);
            using var stream = sink.Open(file);
            var csv = new CsvRecordReader(stream, ",;", file.DisplayPath);
            var fields = new List<string>(7);
            var ids = new SourceIds(channelKey);
            if (!csv.TryRead(fields) || fields.Count < 6 || fields[0].TrimStart('\uFEFF') != "AuthorID" || fields[3] != "Content")
            {
                throw ImportException.At(file.DisplayPath, 1, Errors.NotDiscordCsv());
            }
            while (csv.TryRead(fields))
            {
                if (fields.Count == 1 && fields[0].Length == 0)
                {
                    continue;
                }
                if ((csv.Line & 0x3FFF) == 0)
                {
                    ct.ThrowIfCancellationRequested();
                }
                Row(fields, file.DisplayPath, csv.Line, sink, community, channel, ids);
            }
        }
    }

    private static void Row(List<string> f, string file, long line, ImportSink sink, long community, long channel, SourceIds ids)
    {
        if (f.Count < 6)
        {
            throw ImportException.At(file, line, Errors.DiscordCsvFieldCount(f.Count));
        }
        var (authorId, author, date, content, attachments, reactions) = (f[0], f[1], f[2], f[3], f[4], f[5]);
        if (authorId.Length == 0)
        {
            throw ImportException.Field(file, line, "AuthorID", Errors.Required());
        }
        if (!TryParseDate(date, sink.Options.TimeZone, out var ms))
        {
            throw ImportException.Field(file, line, "Date", Errors.NotDiscordDate(date));
        }
        var member = sink.Member(community, authorId, DisplayName(author));
        var sourceId = ids.Next(authorId, ms, content, attachments);
        // System notices are written as their fallback text; these are unmistakable.
        switch (content)
        {
            case "Joined the server." when attachments.Length == 0:
                sink.Join(community, channel, member, sourceId, ms);
                return;
            case "Left the group." when attachments.Length == 0:
                sink.Leave(community, channel, member, sourceId, ms);
                return;
            case "Pinned a message." or "Started a thread." or "Changed the channel icon." when attachments.Length == 0:
                sink.Warn($"{file}: system notices ('{content}') skipped");
                return;
        }
        var media = attachments.Length == 0 ? null : DiscordAttachments.Kind(attachments.Split(',')[0]);
        sink.Message(community, channel, member, sourceId, ms, content.Length == 0 ? null : content, mediaKind: media);
        foreach (var reaction in reactions.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var open = reaction.LastIndexOf('(');
            var count = open >= 0 && int.TryParse(reaction.AsSpan(open + 1).TrimEnd(')'), NumberStyles.None, CultureInfo.InvariantCulture, out var c) ? c : 1;
            for (var i = 0; i < count; i++)
            {
                sink.Warn($"{file}: reactions skipped (CSV exports say how many, not who)");
            }
        }
    }

    /// <summary>"name#1234" to "name": the JSON importer shows names without the discriminator.</summary>
    private static string DisplayName(string author)
    {
        var hash = author.LastIndexOf('#');
        return hash > 0 && author.Length - hash == 5 && author.AsSpan(hash + 1).IndexOfAnyExceptInRange('0', '9') < 0 ? author[..hash] : author;
    }

    internal static bool TryParseDate(string text, TimeZoneInfo zone, out long ms)
    {
        ms = 0;
        var s = text.Trim();
        if (s.Length is >= 9 and <= 14 && s.AsSpan().IndexOfAnyExceptInRange('0', '9') < 0)
        {
            var n = long.Parse(s, CultureInfo.InvariantCulture);
            ms = s.Length <= 11 ? n * 1000 : n; // the exporter's "unix" and "unixms" formats
            return true;
        }
        var hasOffset = s.Length > 19 && s[10] is 'T' or ' ' && (s.EndsWith('Z') || s.IndexOfAny(['+', '-'], 19) >= 0);
        if (hasOffset)
        {
            if (DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.None, out var dto))
            {
                ms = dto.ToUnixTimeMilliseconds();
                return true;
            }
            return false;
        }
        if (DateTime.TryParseExact(s, LocalFormats, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var local))
        {
            ms = TimeParsing.LocalToUnixMs(local, zone);
            return true;
        }
        return false;
    }

    /// <summary>Deterministic ids for rows without one; identical rows at one instant are told apart by their order.</summary>
    private sealed class SourceIds(string channelKey)
    {
        private readonly Dictionary<string, int> _seen = new(StringComparer.Ordinal);
        private long _instant = long.MinValue;

        public string Next(string authorId, long ms, string content, string attachments)
        {
            if (ms != _instant)
            {
                // Rows come in time order; only rows of the same instant can collide.
                _seen.Clear();
                _instant = ms;
            }
            Span<byte> hash = stackalloc byte[32];
            SHA256.HashData(Encoding.UTF8.GetBytes(content + "\u0001" + attachments), hash);
            var id = string.Create(CultureInfo.InvariantCulture, $"{channelKey}:{authorId}:{ms}:{Convert.ToHexStringLower(hash[..8])}");
            var n = _seen.GetValueOrDefault(id) + 1;
            _seen[id] = n;
            return n == 1 ? id : string.Create(CultureInfo.InvariantCulture, $"{id}:{n}");
        }
    }
}
