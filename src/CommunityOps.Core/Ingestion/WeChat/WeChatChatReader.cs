using CommunityOps.Communities;
using CommunityOps.Messages;

namespace CommunityOps.Ingestion.WeChat;

/// <summary>Who is behind the names that notices use, learned in a first pass over a chat's files.</summary>
internal sealed class WeChatPeople
{
    private readonly Dictionary<string, string> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _names = new(StringComparer.Ordinal);

    public string? SelfId { get; set; }

    /// <summary>The name a member is shown by (PyWxDump's users.json), when the rows themselves give none.</summary>
    public void Name(string id, string? name)
    {
        if (!string.IsNullOrEmpty(name))
        {
            _names.TryAdd(id, name);
        }
    }

    public string? NameOf(string id) => _names.GetValueOrDefault(id);

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
        : _byName.TryGetValue(name, out var id) ? (id, NameOf(id))
        : ($"name:{name}", name);
}

/// <summary>Stores the rows of one chat: messages as they are, membership notices as joins and leaves.</summary>
internal sealed class WeChatChatReader(ImportSink sink, WeChatPeople people)
{
    private readonly Dictionary<string, long> _communities = new(StringComparer.Ordinal);
    private readonly List<NoticeChange> _changes = [];

    public void Add(WeChatRow row, WeChatTool tool, string chatName)
    {
        var room = row.Room ?? chatName;
        if (!_communities.TryGetValue(room, out var community))
        {
            // MemoTrace names the room only by a row id; its file is named after the chat.
            var name = tool is WeChatTool.MemoTrace or WeChatTool.MemoTraceNoSender || row.Room is null ? chatName : room;
            _communities[room] = community = sink.Community(Platform.WeChat, room, name);
        }
        switch (row.Kind)
        {
            case RowKind.Message:
                // The 9-column MemoTrace gives the other side of the chat only as the room: name it after the chat.
                var member = sink.Member(community, row.Sender, row.SenderName ?? people.NameOf(row.Sender) ?? (row.Sender == row.Room ? chatName : null));
                sink.Message(community, null, member, row.SourceId, row.Ms, string.IsNullOrEmpty(row.Text) ? null : row.Text, mediaKind: row.Media);
                break;
            case RowKind.Notice when row.Text is not null && WeChatNotices.TryParse(row.Text, _changes):
                foreach (var change in _changes)
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
}
