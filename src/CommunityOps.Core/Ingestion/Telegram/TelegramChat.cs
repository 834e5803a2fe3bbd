using CommunityOps.Communities;
using CommunityOps.Messages;

namespace CommunityOps.Ingestion.Telegram;

/// <summary>
/// One Telegram chat being imported, as one community.
/// </summary>
/// <remarks>
/// Service messages name the members they add or remove but give no ids. Those memberships wait here
/// until the chat's last message, by when every sender with an id is known, and are then resolved by
/// display name: a name worn by exactly one id-keyed member in this chat becomes that member; any other
/// name (never seen with an id, worn by two ids, or a deleted account) becomes a member keyed
/// "name:&lt;name&gt;". Source ids of these records use the name as written ("{msgId}:{name}"), never
/// the resolved key, so a later export that resolves a name differently still finds the same records:
/// re-imports stay idempotent, at the cost that the first import's choice of member sticks.
/// </remarks>
internal sealed class TelegramChat
{
    public const string DeletedAccount = "Deleted Account";

    private readonly ImportSink _sink;
    private readonly Dictionary<string, string?> _keyByName = new(StringComparer.Ordinal);
    private readonly List<Pending> _pending = [];
    private readonly HashSet<long> _topicRoots = [];

    public TelegramChat(ImportSink sink, string chatId, string? name)
    {
        _sink = sink;
        ChatId = chatId;
        Name = string.IsNullOrWhiteSpace(name) ? chatId : name;
        CommunityId = sink.Community(Platform.Telegram, chatId, Name);
    }

    public string ChatId { get; }
    public string Name { get; }
    public long CommunityId { get; }

    /// <summary>The member with this key ("user123", "channel5", "name:Ann"); remembers who wears which name.</summary>
    public long Member(string key, string? displayName)
    {
        if (displayName is not null && !key.StartsWith("name:", StringComparison.Ordinal))
        {
            if (!_keyByName.TryGetValue(displayName, out var known))
            {
                _keyByName[displayName] = key;
            }
            else if (known is not null && known != key)
            {
                _keyByName[displayName] = null;
            }
        }
        return _sink.Member(CommunityId, key, displayName);
    }

    public static string NameKey(string name) => "name:" + name;

    /// <summary>Forum topics are threads rooted at their topic_created message; a post "replying" to the root is just in the topic.</summary>
    public void AddTopicRoot(long messageId) => _topicRoots.Add(messageId);

    public bool IsTopicRoot(long messageId) => _topicRoots.Count > 0 && _topicRoots.Contains(messageId);

    /// <summary>
    /// A join or leave whose member (or inviter, or remover) is known only by name. Either side may be
    /// given as a member id already, or as a name to resolve at <see cref="Finish"/>; a null name is a
    /// deleted account.
    /// </summary>
    public void AddPending(ActivityKind kind, string sourceId, long occurredAtMs, Side member, Side related, string? inviteLink) =>
        _pending.Add(new Pending(kind, sourceId, occurredAtMs, member, related, inviteLink));

    public void Finish()
    {
        foreach (var p in _pending)
        {
            var member = Resolve(p.Member) ?? throw new InvalidOperationException("a membership needs a member");
            var related = Resolve(p.Related);
            if (p.Kind == ActivityKind.Join)
            {
                _sink.Join(CommunityId, null, member, p.SourceId, p.OccurredAtMs, related, p.InviteLink);
            }
            else
            {
                _sink.Leave(CommunityId, null, member, p.SourceId, p.OccurredAtMs, related);
            }
        }
        _pending.Clear();
    }

    private long? Resolve(Side side)
    {
        if (side.MemberId is { } id)
        {
            return id;
        }
        if (!side.IsNamed)
        {
            return null;
        }
        if (side.Name is null)
        {
            return _sink.Member(CommunityId, NameKey(DeletedAccount), DeletedAccount);
        }
        var key = _keyByName.TryGetValue(side.Name, out var known) && known is not null ? known : NameKey(side.Name);
        return _sink.Member(CommunityId, key, side.Name);
    }

    /// <summary>One side of a membership: a member already resolved, a name to resolve, or nobody.</summary>
    public readonly record struct Side(long? MemberId, string? Name, bool IsNamed)
    {
        public static Side None => default;

        public static Side Of(long memberId) => new(memberId, null, false);

        public static Side Named(string? name) => new(null, name, true);
    }

    private readonly record struct Pending(ActivityKind Kind, string SourceId, long OccurredAtMs, Side Member, Side Related, string? InviteLink);
}
