using CommunityOps.Messages;

namespace CommunityOps.Ingestion;

/// <summary>
/// One activity as an importer hands it to the <see cref="ImportSink"/>. Ids are store ids the sink
/// returned; <see cref="SourceId"/> must be stable across re-exports of the same history, because
/// (community, kind, source id) is what de-duplicates.
/// </summary>
public struct ActivityRecord
{
    public ActivityKind Kind;
    public long CommunityId;
    public long? ChannelId;
    public long MemberId;
    public string SourceId;
    public long OccurredAtMs;
    public string? Text;
    public string? ReplyTo;
    public string? Target;
    public string? Emoji;
    public long? RelatedMemberId;
    public string? InviteLink;
    public string? MediaKind;
    public bool IsEdited;
    public int Mentions;
}
