using System.Text;
using CommunityOps.Communities;
using CommunityOps.Ingestion.Common;
using CommunityOps.Resources;

namespace CommunityOps.Ingestion.WhatsApp;

/// <summary>
/// WhatsApp "Export chat" text (docs/formats.md#whatsapp): "WhatsApp Chat with X.txt", or _chat.txt inside
/// "WhatsApp Chat - X.zip". Read twice, line by line: once to learn the file's date order and who the
/// exporter is, once to import.
/// </summary>
public sealed class WhatsAppImporter : ChatImporter
{
    private static readonly string[] FilePrefixes =
    [
        "WhatsApp Chat - ", "WhatsApp Chat with ", "WhatsApp Chat mit ", "Chat de WhatsApp con ", "Chat WhatsApp con ",
        "Conversa do WhatsApp com ", "Conversa no WhatsApp com ", "Discussion WhatsApp avec ", "Чат WhatsApp с ",
    ];

    public override ImportFormat Format => ImportFormat.WhatsApp;

    public override bool Accepts(ImportInput input, ImportEntry entry, ReadOnlySpan<byte> head)
    {
        if (head.StartsWith("\uFEFF"u8))
        {
            head = head[3..];
        }
        if (head.IndexOf((byte)0) >= 0)
        {
            return false;
        }
        while (true)
        {
            var nl = head.IndexOf((byte)'\n');
            var line = nl < 0 ? head : head[..nl];
            if (!line.Trim(" \t\r"u8).IsEmpty)
            {
                return WhatsAppHeader.TryParse(Encoding.UTF8.GetString(line), out _);
            }
            if (nl < 0)
            {
                return false;
            }
            head = head[(nl + 1)..];
        }
    }

    public override void Read(IReadOnlyList<ImportEntry> files, ImportSink sink, CancellationToken ct)
    {
        foreach (var file in files)
        {
            var chat = ChatName(file);
            var (order, exporter) = FirstPass(file, chat, sink, ct);
            var community = sink.Community(Platform.WhatsApp, chat, chat);
            using var stream = sink.Open(file);
            var chatReader = new WhatsAppChatReader(sink, community, chat, file.DisplayPath, order, exporter);
            var lines = new Utf8LineReader(stream);
            WhatsAppHeader? style = null;
            while (lines.TryReadLine(out var bytes))
            {
                if ((lines.LineNumber & 0xFFFF) == 0)
                {
                    ct.ThrowIfCancellationRequested();
                }
                if (TryHeader(bytes, style, out var header))
                {
                    style ??= header;
                    chatReader.Begin(header, lines.LineNumber);
                }
                else
                {
                    chatReader.Continue(bytes);
                }
            }
            chatReader.End();
        }
    }

    /// <summary>The file's date order, and who the exporter is (<see cref="WhatsAppExporter"/>), from its message starts.</summary>
    private static (DateOrder Order, string? Exporter) FirstPass(ImportEntry file, string chat, ImportSink sink, CancellationToken ct)
    {
        using var stream = file.Open();
        var lines = new Utf8LineReader(stream);
        var inference = new DateOrderInference(file.DisplayPath);
        var exporter = new WhatsAppExporter();
        var changes = new List<MembershipChange>();
        WhatsAppHeader? style = null;
        while (lines.TryReadLine(out var bytes))
        {
            if ((lines.LineNumber & 0xFFFF) == 0)
            {
                ct.ThrowIfCancellationRequested();
            }
            if (style is null && bytes.Trim(" \t"u8).IsEmpty)
            {
                continue;
            }
            if (TryHeader(bytes, style, out var header))
            {
                style ??= header;
                inference.Observe(header, lines.LineNumber);
                switch (WhatsAppChatReader.Classify(header.Body, chat, changes, out var author, out _, out var text))
                {
                    case WhatsAppChatReader.LineKind.Message:
                        exporter.Message(author, text);
                        break;
                    case WhatsAppChatReader.LineKind.Membership:
                        exporter.Changes(changes);
                        break;
                    default:
                        break;
                }
            }
            else if (style is null)
            {
                throw ImportException.At(file.DisplayPath, lines.LineNumber, Errors.NotWhatsAppLine());
            }
        }
        if (style is null)
        {
            throw ImportException.At(file.DisplayPath, 0, Errors.NoWhatsAppMessages());
        }
        var order = inference.Decide(out var guessed);
        if (guessed)
        {
            sink.Warn($"{file.DisplayPath}: no date tells the day from the month; read as {DateOrderInference.Describe(order)}");
        }
        return (order, exporter.Decide(sink.Options.Me, file.DisplayPath, sink));
    }

    /// <summary>
    /// A line that starts a message. After the first one, only lines written in the same style count:
    /// a continuation line may begin with a date of its own.
    /// </summary>
    private static bool TryHeader(ReadOnlySpan<byte> bytes, WhatsAppHeader? style, out WhatsAppHeader header)
    {
        header = default;
        if (bytes.IsEmpty || !(char.IsAsciiDigit((char)bytes[0]) || bytes[0] is (byte)'[' or 0xE2 or 0xEF))
        {
            return false; // the cheap test first: headers start with a digit, '[' or an invisible mark
        }
        return WhatsAppHeader.TryParse(Encoding.UTF8.GetString(bytes), out header) && (style is not { } s || header.IsSameStyle(s));
    }

    /// <summary>"WhatsApp Chat with X.txt" → X; _chat.txt → the zip's (or extracted folder's) name without the prefix.</summary>
    private static string ChatName(ImportEntry file)
    {
        var display = file.DisplayPath;
        // The entry's own name, also inside a zip found in a folder ("chats/x.zip!_chat.txt").
        var name = Path.GetFileNameWithoutExtension(file.RelativePath[(file.RelativePath.LastIndexOfAny(['/', '!']) + 1)..]);
        var bang = display.LastIndexOf('!');
        if (bang > 0)
        {
            var zip = Path.GetFileNameWithoutExtension(display[..bang]);
            name = name == "_chat" || HasPrefix(zip) ? zip : name;
        }
        else if (name == "_chat")
        {
            name = Path.GetFileName(Path.GetDirectoryName(display)) is { Length: > 0 } folder ? folder : name;
        }
        foreach (var prefix in FilePrefixes)
        {
            if (name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                name = name[prefix.Length..].Trim();
                break;
            }
            if (name.StartsWith(prefix.Replace(' ', '_'), StringComparison.OrdinalIgnoreCase))
            {
                name = name[prefix.Length..].Replace('_', ' ').Trim(); // some phones write the whole name with underscores
                break;
            }
        }
        return name.Length > 0 ? name : "whatsapp";
    }

    private static bool HasPrefix(string name) => FilePrefixes.Any(p => name.StartsWith(p, StringComparison.OrdinalIgnoreCase));
}
