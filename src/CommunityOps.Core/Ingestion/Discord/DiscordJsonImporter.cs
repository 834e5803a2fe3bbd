using System.Text.Json;
using CommunityOps.Communities;
using CommunityOps.Ingestion.Common;
using CommunityOps.Resources;

namespace CommunityOps.Ingestion.Discord;

/// <summary>
/// DiscordChatExporter's JSON (formats.md 2.2), any version: one channel or thread per file, the guild
/// and channel first, then <c>messages</c>, streamed one message at a time. A guild is a community
/// (direct messages share the pseudo-guild "0"); a channel is a channel; a thread is a channel named
/// "parent / thread", because exporter files give a thread's parent as its category.
/// </summary>
public sealed class DiscordJsonImporter : ChatImporter
{
    public override ImportFormat Format => ImportFormat.Discord;

    public override bool Accepts(ImportInput input, ImportEntry entry, ReadOnlySpan<byte> head)
    {
        var root = JsonHead.Read(head, head.Length == entry.Length);
        return root is { Properties.Count: > 0 } && root.Properties[0].Name == "guild" && root.Has("channel");
    }

    public override void Read(IReadOnlyList<ImportEntry> files, ImportSink sink, CancellationToken ct)
    {
        var messages = new DiscordMessages(sink);
        foreach (var file in files)
        {
            using var stream = sink.Open(file);
            var json = new StreamingJsonReader(stream, file.DisplayPath);
            json.Expect(JsonTokenType.StartObject, Errors.ExpectedDiscordRoot());
            long? community = null;
            long? channel = null;
            var sawMessages = false;
            while (json.Read() && json.TokenType == JsonTokenType.PropertyName)
            {
                if (json.ValueTextEquals("guild"u8))
                {
                    using var guild = json.ReadValue();
                    var id = Text(guild.RootElement, "id") ?? throw ImportException.Field(file.DisplayPath, json.Line, "guild.id", Errors.Required());
                    community = sink.Community(Platform.Discord, id, Text(guild.RootElement, "name") ?? id);
                }
                else if (json.ValueTextEquals("channel"u8))
                {
                    using var value = json.ReadValue();
                    if (community is not { } c)
                    {
                        throw ImportException.Field(file.DisplayPath, json.Line, "guild", Errors.GuildBeforeChannel());
                    }
                    channel = Channel(sink, c, value.RootElement, file.DisplayPath, json.Line);
                }
                else if (json.ValueTextEquals("messages"u8))
                {
                    if (community is not { } c || channel is not { } ch)
                    {
                        throw ImportException.Field(file.DisplayPath, json.Line, "messages", Errors.GuildAndChannelBeforeMessages());
                    }
                    json.Expect(JsonTokenType.StartArray, Errors.ExpectedMessagesArray());
                    ReadMessages(json, messages, c, ch, ct);
                    sawMessages = true;
                }
                else
                {
                    json.Skip();
                }
            }
            if (!sawMessages)
            {
                throw ImportException.At(file.DisplayPath, 0, Errors.NotDiscordExport());
            }
        }
    }

    private static long Channel(ImportSink sink, long community, JsonElement channel, string file, long line)
    {
        var id = Text(channel, "id") ?? throw ImportException.Field(file, line, "channel.id", Errors.Required());
        var name = Text(channel, "name") ?? id;
        var type = Text(channel, "type") ?? "";
        var parent = Text(channel, "category");
        if (type.Contains("Thread", StringComparison.Ordinal) && !string.IsNullOrEmpty(parent))
        {
            name = $"{parent} / {name}";
        }
        return sink.Channel(community, id, name);
    }

    private static void ReadMessages(StreamingJsonReader json, DiscordMessages messages, long community, long channel, CancellationToken ct)
    {
        var count = 0;
        while (json.Read() && json.TokenType != JsonTokenType.EndArray)
        {
            if (json.TokenType != JsonTokenType.StartObject)
            {
                throw ImportException.At(json.File, json.Line, Errors.ExpectedMessageInMessages());
            }
            using (var message = json.ReadValue())
            {
                messages.Map(message.RootElement, community, channel, json.File, json.Line);
            }
            if ((++count & 0x3FFF) == 0)
            {
                ct.ThrowIfCancellationRequested();
            }
        }
    }

    /// <summary>A string property, or a number as written (ids were numbers in some old files); null when absent or empty.</summary>
    internal static string? Text(JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var v)
            ? v.ValueKind switch
            {
                JsonValueKind.String => v.GetString() is { Length: > 0 } s ? s : null,
                JsonValueKind.Number => v.GetRawText(),
                _ => null,
            }
            : null;
}
