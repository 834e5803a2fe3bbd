namespace CommunityOps.Ingestion;

/// <summary>
/// One export format. The import service sniffs each file's first bytes with <see cref="Accepts"/>,
/// groups the accepted files into histories with <see cref="Group"/> (one file by default; a Slack
/// export or a paged Telegram HTML export is several), and streams each group through <see cref="Read"/>.
/// </summary>
public abstract class ChatImporter
{
    public abstract ImportFormat Format { get; }

    /// <summary>Whether this file is of this format, from its name and up to 64 KiB of its start.</summary>
    public abstract bool Accepts(ImportInput input, ImportEntry entry, ReadOnlySpan<byte> head);

    /// <summary>
    /// True for exports that know people and chats only by name. They are read after the other files of an
    /// import, so that their names meet the ids an export of the same chat with ids has just given.
    /// </summary>
    public virtual bool KnowsOnlyNames => false;

    public virtual IEnumerable<IReadOnlyList<ImportEntry>> Group(IReadOnlyList<ImportEntry> accepted) =>
        accepted.Select(e => (IReadOnlyList<ImportEntry>)[e]);

    /// <summary>
    /// Streams the files into the sink. Bad content throws <see cref="ImportException"/> naming the file
    /// and line or field; the service then rolls the whole import back.
    /// </summary>
    public abstract void Read(IReadOnlyList<ImportEntry> files, ImportSink sink, CancellationToken ct);
}
