namespace CommunityOps.Ingestion.WhatsApp;

/// <summary>
/// Who the exporter is. WhatsApp writes the exporter's own messages under their name but calls them
/// "You" (你) in system lines ("You added Bo", "Ann added you"), so without this they would be two members.
/// </summary>
/// <remarks>
/// In order: the name given with <see cref="ImportOptions.Me"/>; else the one sender whose own deleted
/// messages read "You deleted this message" (WhatsApp writes that only for the exporter; everyone else's
/// read "This message was deleted") and who is never named in the third person by a system line, where
/// the exporter never is. Anything less certain (no such sender, or several) leaves "You" a member of its
/// own, with a warning when system lines mention them.
/// </remarks>
internal sealed class WhatsAppExporter
{
    private static readonly HashSet<string> OwnDeletions = new(StringComparer.Ordinal)
    {
        "You deleted this message", "You deleted this message.", "你删除了此消息", "你删除了此消息。",
    };

    private readonly HashSet<string> _thirdPerson = new(StringComparer.Ordinal);
    private readonly HashSet<string> _deleters = new(StringComparer.Ordinal);
    private bool _youAppears;

    public void Message(string author, string text)
    {
        if (OwnDeletions.Contains(text.Trim()))
        {
            _deleters.Add(author);
        }
    }

    public void Changes(List<MembershipChange> changes)
    {
        foreach (var change in changes)
        {
            Named(change.Member);
            if (change.By is not null)
            {
                Named(change.By);
            }
        }
    }

    private void Named(string name)
    {
        if (name == WhatsAppNotices.You)
        {
            _youAppears = true;
        }
        else
        {
            _thirdPerson.Add(name);
        }
    }

    /// <summary>The exporter's member id (their name as a sender), or null when it cannot be told.</summary>
    public string? Decide(string? me, string file, ImportSink sink)
    {
        if (!string.IsNullOrWhiteSpace(me))
        {
            return WhatsAppAuthor.Clean(me);
        }
        var candidates = _deleters.Where(d => !_thirdPerson.Contains(d)).ToList();
        if (candidates.Count == 1)
        {
            return candidates[0];
        }
        if (_youAppears)
        {
            sink.Warn(candidates.Count > 1
                ? $"{file}: system lines call the exporter 'You' and several senders could be them ({string.Join(", ", candidates.Order(StringComparer.Ordinal))}); kept as the member 'You' (give the exporter's name with --me)"
                : $"{file}: system lines call the exporter 'You' and nothing tells which sender that is; kept as the member 'You' (give the exporter's name with --me)");
        }
        return null;
    }
}
