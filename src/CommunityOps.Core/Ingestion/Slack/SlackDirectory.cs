using System.Text.Json;
using CommunityOps.Resources;
using static CommunityOps.Ingestion.Slack.SlackText;

namespace CommunityOps.Ingestion.Slack;

internal sealed record SlackUser(string Id, string DisplayName, bool IsBot);

internal sealed record SlackChannel(string Id, string Name);

/// <summary>
/// The files at the root of an export: who the users are (users.json, org_users.json on Enterprise
/// Grid) and which conversation each folder holds (channels.json, groups.json, dms.json, mpims.json).
/// </summary>
internal sealed class SlackDirectory
{
    private static readonly string[] ConversationLists = ["channels.json", "groups.json", "mpims.json", "dms.json"];

    public string? TeamId { get; private set; }
    public List<SlackUser> Users { get; } = [];
    public HashSet<string> UserIds { get; } = new(StringComparer.Ordinal);
    public List<SlackChannel> Channels { get; } = [];

    /// <summary>Folder name to conversation: exports name folders by channel name, and DMs by their id.</summary>
    public Dictionary<string, SlackChannel> ChannelsByFolder { get; } = new(StringComparer.Ordinal);

    public static SlackDirectory Read(IReadOnlyList<ImportEntry> rootFiles, ImportSink sink)
    {
        var directory = new SlackDirectory();
        foreach (var file in rootFiles)
        {
            var name = SlackLayout.Name(file.RelativePath);
            if (name is "users.json" or "org_users.json")
            {
                directory.ReadUsers(file, sink);
            }
            else if (ConversationLists.Contains(name, StringComparer.Ordinal))
            {
                directory.ReadConversations(file, sink);
            }
        }
        return directory;
    }

    private void ReadUsers(ImportEntry file, ImportSink sink)
    {
        using var stream = sink.Open(file);
        var reader = new JsonArrayReader(stream, file.DisplayPath);
        while (reader.TryRead(out var user, out var line))
        {
            var id = Str(user, "id") ?? throw ImportException.Field(file.DisplayPath, line, "id", Errors.RequiredOnUser());
            if (!UserIds.Add(id))
            {
                continue;
            }
            TeamId ??= NonEmpty(Str(user, "team_id"));
            var profile = user.ValueKind == JsonValueKind.Object && user.TryGetProperty("profile", out var p) ? p : default;
            var display = NonEmpty(Str(profile, "display_name")) ?? NonEmpty(Str(user, "real_name")) ?? NonEmpty(Str(profile, "real_name")) ?? NonEmpty(Str(user, "name")) ?? id;
            Users.Add(new SlackUser(id, display, Bool(user, "is_bot")));
        }
    }

    private void ReadConversations(ImportEntry file, ImportSink sink)
    {
        using var stream = sink.Open(file);
        var reader = new JsonArrayReader(stream, file.DisplayPath);
        while (reader.TryRead(out var conversation, out var line))
        {
            var id = Str(conversation, "id") ?? throw ImportException.Field(file.DisplayPath, line, "id", Errors.RequiredOnConversation());
            var name = NonEmpty(Str(conversation, "name"));
            var channel = new SlackChannel(id, name ?? id);
            Channels.Add(channel);
            ChannelsByFolder.TryAdd(id, channel);
            if (name is not null)
            {
                ChannelsByFolder[name] = channel;
            }
        }
    }
}
