using CommunityOps.Communities;
using CommunityOps.Messages;

namespace CommunityOps.Ingestion.Telegram;

/// <summary>
/// One Telegram chat being imported, as one community.
/// </summary>
/// <remarks>
/// Service messages name the members they add or remove but give no ids. Names are resolved by display
/// name to the one id-keyed member of this chat who wears it: at once when that member has already been
/// seen, else once the chat's last message has been read. Any other name (never seen with an id, worn by
/// two ids, or a deleted account) becomes a member keyed "name:&lt;name&gt;". Source ids of these records
/// use the name as written ("{msgId}:{name}"), never the resolved key, so a later export that resolves a
/// name differently still finds the same records. When a later export shows a "name:" member with an id
/// (or a JSON export follows an HTML one), that stored member is given the id rather than doubled.
/// </remarks>
internal sealed class TelegramChat
{
    public const string DeletedAccount = "Deleted Account";

    private readonly ImportSink _sink;
    private const int MaxPending = 50_000;

    private readonly Dictionary<string, string?> _keyByName = new(StringComparer.Ordinal);
    private readonly List<Pending> _pending = [];
    private readonly HashSet<long> _topicRoots = [];

    public TelegramChat(ImportSink sink, string chatId, string? name, bool resolvesNames = true)
    {
        _sink = sink;
        ResolvesNames = resolvesNames;
        ChatId = chatId;
        Name = string.IsNullOrWhiteSpace(name) ? chatId : name;
        // The HTML export of a chat has only its title; the JSON export has its id. Whichever comes second
        // finds the other's community by the title (docs/formats.md#telegram).
        CommunityId = resolvesNames
            ? sink.Community(Platform.Telegram, chatId, Name, formerSourceId: NameKey(Name))
            : sink.CommunityByName(Platform.Telegram, Name, chatId);
    }

    /// <summary>
    /// False where no member has an id (the HTML export): a name stands at once for the member with an id
    /// who wears it in this community (imported from JSON), else for "name:&lt;name&gt;".
    /// </summary>
    public bool ResolvesNames { get; }

    public string ChatId { get; }
    public string Name { get; }
    public long CommunityId { get; }

    /// <summary>The member with this key ("user123", "channel5", "name:Ann"); remembers who wears which name.</summary>
    public long Member(string key, string? displayName)
    {
        if (displayName is null)
        {
            return _sink.Member(CommunityId, key, displayName);
        }
        if (key.StartsWith("name:", StringComparison.Ordinal))
        {
            return _sink.Member(CommunityId, ResolvesNames ? key : KeyOf(displayName), displayName);
        }
        if (!_keyByName.TryGetValue(displayName, out var known))
        {
            _keyByName[displayName] = key;
        }
        else if (known is not null && known != key)
        {
            _keyByName[displayName] = null;
        }
        // Someone an HTML import knew only by name gets their id, rather than becoming a second member.
        return _sink.Member(CommunityId, key, displayName, formerSourceId: displayName == DeletedAccount ? null : NameKey(displayName));
    }

    /// <summary>The key a name stands for in an export without ids (deleted accounts stay apart: they are many people).</summary>
    public string KeyOf(string name) => name == DeletedAccount ? NameKey(name) : _sink.KeyForName(CommunityId, name);

    public static string NameKey(string name) => "name:" + name;

    /// <summary>Forum topics are threads rooted at their topic_created message; a post "replying" to the root is just in the topic.</summary>
    public void AddTopicRoot(long messageId) => _topicRoots.Add(messageId);

    public bool IsTopicRoot(long messageId) => _topicRoots.Count > 0 && _topicRoots.Contains(messageId);

    /// <summary>
    /// A join or leave whose member (or inviter, or remover) may be known only by name. Either side may
    /// be given as a member id already, or as a name (null for a deleted account). It is stored at once
    /// when every name on it is already known; otherwise it waits for <see cref="Finish"/>.
    /// </summary>
    public void AddMembership(ActivityKind kind, string sourceId, long occurredAtMs, Side member, Side related, string? inviteLink)
    {
        var entry = new Pending(kind, sourceId, occurredAtMs, member, related, inviteLink);
        if (IsKnown(member) && IsKnown(related))
        {
            Store(entry);
            return;
        }
        _pending.Add(entry);
        if (_pending.Count >= MaxPending)
        {
            // A pathological history (a flood of invitations of people who never write) must not grow
            // memory without bound; those names are settled with what is known so far.
            Finish();
        }
    }

    public void Finish()
    {
        foreach (var p in _pending)
        {
            Store(p);
        }
        _pending.Clear();
    }

    private bool IsKnown(Side side) =>
        !side.IsNamed || side.Name is null || !ResolvesNames || (_keyByName.TryGetValue(side.Name, out var key) && key is not null);

    private void Store(in Pending p)
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
        return Member(key, side.Name);
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
