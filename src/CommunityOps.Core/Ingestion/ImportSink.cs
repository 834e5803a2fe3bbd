using System.Runtime.CompilerServices;
using CommunityOps.Messages;

namespace CommunityOps.Ingestion;

/// <summary>
/// Where importers put what they read. It resolves platform ids to store ids (creating communities,
/// channels and members on first sight), applies the staff list, and hands activities to the writer.
/// </summary>
public sealed class ImportSink
{
    private readonly ActivityWriter _writer;
    private readonly long _workspaceId;
    private readonly long _importId;
    private readonly long _nowMs;
    private readonly ImportSummary _summary;
    private readonly IProgress<long>? _progress;
    private readonly Dictionary<(string Platform, string SourceId), CommunityState> _communities = [];
    private readonly Dictionary<long, CommunityState> _byId = [];
    private readonly Dictionary<string, int> _warnings = new(StringComparer.Ordinal);
    private long _bytesBefore;
    private CommunityState? _lastCommunity;
    private (string Platform, string SourceId, long Id) _lastCommunityKey;

    internal ImportSink(ActivityWriter writer, ImportOptions options, long workspaceId, long importId, long nowMs, ImportSummary summary, IProgress<long>? progress)
    {
        _writer = writer;
        Options = options;
        _workspaceId = workspaceId;
        _importId = importId;
        _nowMs = nowMs;
        _summary = summary;
        _progress = progress;
    }

    public ImportOptions Options { get; }

    /// <summary>Records handed over so far, of every kind.</summary>
    public long Records { get; private set; }

    /// <summary>Opens a file for reading and reports its bytes to the progress bar.</summary>
    public Stream Open(ImportEntry entry)
    {
        var stream = entry.Open();
        if (_progress is null)
        {
            return stream;
        }
        var before = _bytesBefore;
        _bytesBefore += entry.Length;
        return new ProgressStream(stream, read => _progress.Report(before + read));
    }

    /// <summary>
    /// The community with this source id, created on first sight. When it does not exist yet but one keyed
    /// <paramref name="formerSourceId"/> does (the same chat imported earlier from an export without ids),
    /// that one is given this id and used.
    /// </summary>
    // Per row: compiled optimized at the first call, for the reason PostgresCopyRows gives.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public long Community(string platform, string sourceId, string name, string? timeZone = null, string? formerSourceId = null)
    {
        if (_lastCommunityKey.SourceId == sourceId && _lastCommunityKey.Platform == platform)
        {
            return _lastCommunityKey.Id;
        }
        if (_communities.TryGetValue((platform, sourceId), out var known))
        {
            _lastCommunityKey = (platform, sourceId, known.Id);
            return known.Id;
        }
        if (formerSourceId is not null && _writer.FindCommunity(_workspaceId, platform, sourceId) is null
            && _writer.FindCommunity(_workspaceId, platform, formerSourceId) is { } former)
        {
            _writer.ChangeCommunitySourceId(former, sourceId);
            _communities.Remove((platform, formerSourceId));
            _lastCommunityKey = default;
        }
        var (id, created) = _writer.UpsertCommunity(_workspaceId, platform, sourceId, string.IsNullOrWhiteSpace(name) ? sourceId : name,
            timeZone ?? Options.TimeZone.Id, _nowMs);
        if (created)
        {
            _summary.Communities++;
        }
        // A community this import created has no members or channels yet: two queries fewer for each new
        // community, which a first import of an export of hundreds of chats repeats hundreds of times.
        var state = created
            ? new CommunityState(id, new Dictionary<string, MemberRow>(StringComparer.Ordinal), new Dictionary<string, long>(StringComparer.Ordinal))
            : new CommunityState(id, _writer.LoadMembers(id), _writer.LoadChannels(id));
        _communities[(platform, sourceId)] = state;
        _byId[id] = state;
        return id;
    }

    /// <summary>
    /// A community known only by its name (an export without ids): the one community of the platform
    /// with a real id that bears this name in the workspace, else the one keyed <paramref name="nameKey"/>.
    /// </summary>
    public long CommunityByName(string platform, string name, string nameKey)
    {
        if (_communities.ContainsKey((platform, nameKey)))
        {
            return Community(platform, nameKey, name);
        }
        var named = _writer.CommunitySourceIdsNamed(_workspaceId, platform, name).Where(id => id != nameKey && !id.StartsWith("name:", StringComparison.Ordinal)).ToList();
        if (named.Count > 1)
        {
            Warn($"{platform} chats named '{name}': {named.Count} with different ids, so an export without ids cannot tell which; imported as a community of its own");
        }
        return Community(platform, named.Count == 1 ? named[0] : nameKey, name);
    }

    public long Channel(long communityId, string sourceId, string name)
    {
        var state = _byId[communityId];
        if (state.Channels.TryGetValue(sourceId, out var id))
        {
            return id;
        }
        id = _writer.InsertChannel(communityId, sourceId, string.IsNullOrWhiteSpace(name) ? sourceId : name);
        state.Channels[sourceId] = id;
        return id;
    }

    /// <summary>
    /// The member with this platform id, created on first sight. A later non-empty display name wins;
    /// staff and bot flags only ever turn on.
    /// </summary>
    /// <remarks>
    /// A member first seen here under a real id may have been imported earlier, from an export without ids,
    /// keyed by name (<paramref name="formerSourceId"/>, "name:Ann"). When such a stored member exists and
    /// no other member with a real id wears the name, it is given this id instead of a second member
    /// being made.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public long Member(long communityId, string sourceId, string? displayName, bool isStaff = false, bool isBot = false, string? formerSourceId = null)
    {
        var state = _lastCommunity?.Id == communityId ? _lastCommunity : _lastCommunity = _byId[communityId];
        if (Options.Staff.Count > 0)
        {
            isStaff = isStaff || Options.Staff.Contains(sourceId) || (displayName is not null && Options.Staff.Contains(displayName));
        }
        if (state.Members.TryGetValue(sourceId, out var row))
        {
            // The hot path of every import: a known member with nothing new to record.
            if ((displayName is null || string.Equals(displayName, row.DisplayName, StringComparison.Ordinal))
                && (!isStaff || row.IsStaff) && (!isBot || row.IsBot))
            {
                return row.Id;
            }
            var name = string.IsNullOrWhiteSpace(displayName) ? row.DisplayName : displayName;
            if ((isStaff && !row.IsStaff) || (isBot && !row.IsBot) || !string.Equals(name, row.DisplayName, StringComparison.Ordinal))
            {
                row = row with { DisplayName = name, IsStaff = row.IsStaff || isStaff, IsBot = row.IsBot || isBot };
                _writer.UpdateMember(row.Id, row.DisplayName, row.IsStaff, row.IsBot);
                state.Members[sourceId] = row;
                Index(state, sourceId, row.DisplayName);
            }
            return row.Id;
        }
        if (formerSourceId is not null && displayName is not null && state.Members.TryGetValue(formerSourceId, out var former)
            && !former.IsNew && !WornByAnId(state, displayName))
        {
            _writer.ChangeMemberSourceId(communityId, former.Id, formerSourceId, sourceId);
            state.Members.Remove(formerSourceId);
            state.Members[sourceId] = former;
            Index(state, sourceId, former.DisplayName);
            return Member(communityId, sourceId, displayName, isStaff, isBot);
        }
        var display = string.IsNullOrWhiteSpace(displayName) ? sourceId : displayName;
        var created = _writer.InsertMember(communityId, sourceId, display, isStaff, isBot);
        state.Members[sourceId] = created;
        Index(state, sourceId, display);
        if (created.IsNew)
        {
            _summary.Members++;
        }
        return created.Id;
    }

    /// <summary>
    /// The key a name stands for in a community when the export gives only names: the source id of the one
    /// member with a real id who wears it, else <c>name:&lt;name&gt;</c>.
    /// </summary>
    public string KeyForName(long communityId, string name)
    {
        var state = _byId[communityId];
        if (state.NameIndex is null)
        {
            state.NameIndex = new Dictionary<string, string?>(StringComparer.Ordinal);
            foreach (var (key, row) in state.Members)
            {
                if (!IsNameKey(key))
                {
                    state.NameIndex[row.DisplayName] = state.NameIndex.ContainsKey(row.DisplayName) ? null : key;
                }
            }
        }
        return state.NameIndex.TryGetValue(name, out var id) && id is not null ? id : "name:" + name;
    }

    /// <summary>Keeps a built name index current; a member who changed names keeps answering to the old one too.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Index(CommunityState state, string sourceId, string displayName)
    {
        if (state.NameIndex is null || IsNameKey(sourceId))
        {
            return;
        }
        state.NameIndex[displayName] = state.NameIndex.TryGetValue(displayName, out var known) && known != sourceId ? null : sourceId;
    }

    private static bool IsNameKey(string sourceId) => sourceId.StartsWith("name:", StringComparison.Ordinal);

    private static bool WornByAnId(CommunityState state, string displayName)
    {
        foreach (var (key, row) in state.Members)
        {
            if (!IsNameKey(key) && row.DisplayName == displayName)
            {
                return true;
            }
        }
        return false;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Add(in ActivityRecord record)
    {
        if (string.IsNullOrEmpty(record.SourceId))
        {
            throw new InvalidOperationException("an activity needs a source id");
        }
        Records++;
        _writer.Add(record, _importId);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Message(long communityId, long? channelId, long memberId, string sourceId, long occurredAtMs, string? text,
        string? replyTo = null, string? mediaKind = null, bool isEdited = false, int mentions = 0) =>
        Add(new ActivityRecord
        {
            Kind = ActivityKind.Message, CommunityId = communityId, ChannelId = channelId, MemberId = memberId, SourceId = sourceId,
            OccurredAtMs = occurredAtMs, Text = text, ReplyTo = replyTo, MediaKind = mediaKind, IsEdited = isEdited, Mentions = mentions,
        });

    public void Join(long communityId, long? channelId, long memberId, string sourceId, long occurredAtMs, long? inviterId = null, string? inviteLink = null) =>
        Add(new ActivityRecord
        {
            Kind = ActivityKind.Join, CommunityId = communityId, ChannelId = channelId, MemberId = memberId, SourceId = sourceId,
            OccurredAtMs = occurredAtMs, RelatedMemberId = inviterId, InviteLink = inviteLink,
        });

    public void Leave(long communityId, long? channelId, long memberId, string sourceId, long occurredAtMs, long? removedById = null) =>
        Add(new ActivityRecord
        {
            Kind = ActivityKind.Leave, CommunityId = communityId, ChannelId = channelId, MemberId = memberId, SourceId = sourceId,
            OccurredAtMs = occurredAtMs, RelatedMemberId = removedById,
        });

    public void Reaction(long communityId, long? channelId, long memberId, string sourceId, long occurredAtMs, string targetMessage, string emoji) =>
        Add(new ActivityRecord
        {
            Kind = ActivityKind.Reaction, CommunityId = communityId, ChannelId = channelId, MemberId = memberId, SourceId = sourceId,
            OccurredAtMs = occurredAtMs, Target = targetMessage, Emoji = emoji,
        });

    /// <summary>Something skipped or guessed; identical warnings are counted, not repeated.</summary>
    public void Warn(string message) => _warnings[message] = _warnings.GetValueOrDefault(message) + 1;

    internal IEnumerable<string> Warnings => _warnings.Select(w => w.Value == 1 ? w.Key : $"{w.Key} ({w.Value} times)");

    private sealed record CommunityState(long Id, Dictionary<string, MemberRow> Members, Dictionary<string, long> Channels)
    {
        /// <summary>Display name to the one real-id member wearing it (null: several); built when first asked.</summary>
        public Dictionary<string, string?>? NameIndex { get; set; }
    }
}

internal sealed record MemberRow(long Id, string DisplayName, bool IsStaff, bool IsBot, bool IsNew);
