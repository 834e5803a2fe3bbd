using System.Runtime.CompilerServices;
using CommunityOps.Communities;
using CommunityOps.Resources;

namespace CommunityOps.Ingestion.Slack;

/// <summary>
/// A Slack workspace export (docs/formats.md#slack), as a folder or a zip: users.json, the conversation
/// lists and one folder of YYYY-MM-DD.json day files per conversation. The whole export is one read.
/// </summary>
public sealed class SlackImporter : ChatImporter
{
    // Accepts is asked once per file; the layout of an input is worked out once.
    private static readonly ConditionalWeakTable<ImportInput, SlackLayout> Layouts = [];

    public override ImportFormat Format => ImportFormat.Slack;

    public override bool Accepts(ImportInput input, ImportEntry entry, ReadOnlySpan<byte> head) =>
        Layouts.GetValue(input, i => SlackLayout.Find(i.Entries)).RootOf(entry.RelativePath) is not null;

    public override IEnumerable<IReadOnlyList<ImportEntry>> Group(IReadOnlyList<ImportEntry> accepted)
    {
        var layout = SlackLayout.Find(accepted);
        return accepted
            .GroupBy(e => layout.RootOf(e.RelativePath) ?? e.RelativePath, StringComparer.Ordinal)
            .Select(g => (IReadOnlyList<ImportEntry>)[.. g]);
    }

    public override void Read(IReadOnlyList<ImportEntry> files, ImportSink sink, CancellationToken ct)
    {
        var layout = SlackLayout.Find(files);
        if (layout.IsEmpty)
        {
            var first = files.Count > 0 ? files[0].DisplayPath : "(no files)";
            throw ImportException.At(first, 0, Errors.NotSlackExport());
        }
        foreach (var export in files.GroupBy(e => layout.RootOf(e.RelativePath), StringComparer.Ordinal))
        {
            if (export.Key is null)
            {
                foreach (var stray in export)
                {
                    sink.Warn($"{stray.DisplayPath}: not part of a Slack export; skipped");
                }
                continue;
            }
            ReadExport(export.Key, [.. export], sink, ct);
        }
    }

    private static void ReadExport(string root, List<ImportEntry> files, ImportSink sink, CancellationToken ct)
    {
        var rootFiles = files.Where(f => SlackLayout.IsAtRoot(f.RelativePath, root)).OrderBy(f => f.RelativePath, StringComparer.Ordinal).ToList();
        var name = ExportName(rootFiles[0]);
        var directory = SlackDirectory.Read(rootFiles, sink);
        var community = sink.Community(Platform.Slack, directory.TeamId ?? name, name);
        foreach (var user in directory.Users)
        {
            sink.Member(community, user.Id, user.DisplayName, isBot: user.IsBot);
        }
        foreach (var channel in directory.Channels)
        {
            sink.Channel(community, channel.Id, channel.Name);
        }
        var messages = new SlackMessageReader(sink, community, directory, name);
        var days = files
            .Where(f => !SlackLayout.IsAtRoot(f.RelativePath, root))
            .OrderBy(f => SlackLayout.FolderName(f.RelativePath), StringComparer.Ordinal)
            .ThenBy(f => f.RelativePath, StringComparer.Ordinal);
        foreach (var day in days)
        {
            ct.ThrowIfCancellationRequested();
            if (!SlackLayout.IsDayFile(day.RelativePath))
            {
                sink.Warn($"{day.DisplayPath}: not a day file (YYYY-MM-DD.json) of the Slack export; ignored");
                continue;
            }
            var folder = SlackLayout.FolderName(day.RelativePath);
            if (!directory.ChannelsByFolder.TryGetValue(folder, out var channel))
            {
                sink.Warn($"{name}: folder '{folder}' is not listed in channels.json, groups.json, dms.json or mpims.json; its name is used as the channel id");
                channel = new SlackChannel(folder, folder);
            }
            var channelId = sink.Channel(community, channel.Id, channel.Name);
            using var stream = sink.Open(day);
            var reader = new JsonArrayReader(stream, day.DisplayPath);
            while (reader.TryRead(out var message, out var line))
            {
                messages.Add(message, channel.Id, channelId, day.DisplayPath, line);
            }
        }
    }

    /// <summary>The export's folder or zip name: the community's name, and its id when users.json has no team id.</summary>
    private static string ExportName(ImportEntry rootFile)
    {
        var display = rootFile.DisplayPath;
        var dir = display[..^SlackLayout.Name(rootFile.RelativePath).Length];
        if (dir.EndsWith('!'))
        {
            return Path.GetFileNameWithoutExtension(dir[..^1]);
        }
        var trimmed = dir.TrimEnd('/', '\\');
        var folder = trimmed[(trimmed.LastIndexOfAny(['/', '\\', '!']) + 1)..];
        return folder.Length > 0 ? folder : "slack";
    }
}
