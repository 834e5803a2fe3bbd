namespace CommunityOps.Messages;

/// <summary>
/// One entry of the append-only activity log: a message, join, leave or reaction.
/// (community, kind, source id) is unique, which is what makes re-imports idempotent.
/// </summary>
public sealed class Activity
{
    public long Id { get; set; }
    public long CommunityId { get; set; }
    public long? ChannelId { get; set; }
    public long MemberId { get; set; }
    public ActivityKind Kind { get; set; }
    public required string SourceId { get; set; }

    /// <summary>UTC instant; stored as Unix milliseconds on both providers so hot paths compare integers.</summary>
    public DateTimeOffset OccurredAt { get; set; }

    public string? Text { get; set; }

    /// <summary>Source id of the message this one replies to (messages only).</summary>
    public string? ReplyTo { get; set; }

    /// <summary>Source id of the message a reaction is on.</summary>
    public string? Target { get; set; }

    public string? Emoji { get; set; }

    /// <summary>The inviter of a join, or who removed the member on a leave, where the export says.</summary>
    public long? RelatedMemberId { get; set; }

    public string? InviteLink { get; set; }

    /// <summary>photo, video, voice, sticker, file, ... or null for plain text.</summary>
    public string? MediaKind { get; set; }

    public bool IsEdited { get; set; }

    /// <summary>Number of members mentioned in the message.</summary>
    public int Mentions { get; set; }

    public long? ImportId { get; set; }
}
