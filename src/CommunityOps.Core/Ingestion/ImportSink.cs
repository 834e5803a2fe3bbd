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

    public long Community(string platform, string sourceId, string name, string? timeZone = null)
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
        var (id, created) = _writer.UpsertCommunity(_workspaceId, platform, sourceId, string.IsNullOrWhiteSpace(name) ? sourceId : name,
            timeZone ?? Options.TimeZone.Id, _nowMs);
        if (created)
        {
            _summary.Communities++;
        }
        var state = new CommunityState(id, _writer.LoadMembers(id), _writer.LoadChannels(id));
        _communities[(platform, sourceId)] = state;
        _byId[id] = state;
        return id;
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
    public long Member(long communityId, string sourceId, string? displayName, bool isStaff = false, bool isBot = false)
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
            }
            return row.Id;
        }
        var display = string.IsNullOrWhiteSpace(displayName) ? sourceId : displayName;
        var created = _writer.InsertMember(communityId, sourceId, display, isStaff, isBot);
        state.Members[sourceId] = created;
        if (created.IsNew)
        {
            _summary.Members++;
        }
        return created.Id;
    }

    public void Add(in ActivityRecord record)
    {
        if (string.IsNullOrEmpty(record.SourceId))
        {
            throw new InvalidOperationException("an activity needs a source id");
        }
        Records++;
        _writer.Add(record, _importId);
    }

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

    private sealed record CommunityState(long Id, Dictionary<string, MemberRow> Members, Dictionary<string, long> Channels);
}

internal sealed record MemberRow(long Id, string DisplayName, bool IsStaff, bool IsBot, bool IsNew);
