using System.Text.Json;
using CommunityOps.Messages;
using CommunityOps.Resources;
using CommunityOps.Storage;

namespace CommunityOps.Ingestion;

/// <summary>
/// Imports export files into a workspace, all or nothing: every file of the call is read inside one
/// transaction, and any bad input rolls everything back before the error is reported.
/// </summary>
public sealed class ImportService(Store store)
{
    private const int HeadBytes = 64 * 1024;

    /// <summary>Every format, in the order content detection tries them (most specific first).</summary>
    public static IReadOnlyList<ChatImporter> Importers { get; } = ImporterRegistry.All;

    public ImportSummary Import(IReadOnlyList<string> paths, ImportOptions options, IProgress<ImportProgress>? progress = null, CancellationToken ct = default)
    {
        if (paths.Count == 0)
        {
            throw new CommunityOpsException(Errors.NothingToImport());
        }
        var inputs = new List<ImportInput>();
        try
        {
            foreach (var path in paths)
            {
                inputs.Add(ImportInput.Open(path, options.Limits));
            }
            var plan = Plan(inputs, options, out var skipped);
            var totalBytes = plan.Sum(p => p.Files.Sum(f => f.Length));
            var summary = new ImportSummary
            {
                Format = string.Join(",", plan.Select(p => p.Importer.Format.Name()).Distinct()),
                Files = plan.Sum(p => p.Files.Count),
            };
            var nowMs = store.Time.GetUtcNow().ToUnixTimeMilliseconds();
            using var connection = store.OpenConnection();
            using ActivityWriter writer = store.Provider == DatabaseProvider.Postgres
                ? new PostgresActivityWriter(connection, options.PostgresSegmentRows)
                : new SqliteActivityWriter(connection);
            var workspaceId = writer.EnsureWorkspace(options.Workspace, nowMs);
            var importId = writer.StartImportRun(workspaceId, nowMs);
            var sink = new ImportSink(writer, options, workspaceId, importId, nowMs, summary,
                progress is null ? null : new SyncProgress(b => progress.Report(new ImportProgress(b, totalBytes))));
            foreach (var (importer, files) in plan)
            {
                ct.ThrowIfCancellationRequested();
                importer.Read(files, sink, ct);
            }
            writer.FinishRows();
            summary.Messages = writer.Added[(int)ActivityKind.Message];
            summary.Joins = writer.Added[(int)ActivityKind.Join];
            summary.Leaves = writer.Added[(int)ActivityKind.Leave];
            summary.Reactions = writer.Added[(int)ActivityKind.Reaction];
            summary.Duplicates = writer.Duplicates;
            summary.Warnings.AddRange(sink.Warnings);
            if (skipped > 0)
            {
                summary.Warnings.Add($"skipped {skipped} file(s) that are not chat exports (media, attachments or unknown formats)");
            }
            summary.ImportId = importId;
            writer.FinishImportRun(importId, store.Time.GetUtcNow().ToUnixTimeMilliseconds(), summary.Format,
                JsonSerializer.Serialize(summary, ImportSummaryJson.Default.ImportSummary));
            writer.Commit();
            progress?.Report(new ImportProgress(totalBytes, totalBytes));
            return summary;
        }
        catch (JsonException ex)
        {
            // A reader that did not wrap its JSON error still names the problem; this names the call.
            throw ImportException.At(string.Join(", ", paths), 0, Errors.InvalidJson(ex.Message), ex);
        }
        finally
        {
            foreach (var input in inputs)
            {
                input.Dispose();
            }
        }
    }

    public static string ToJson(ImportSummary summary) => JsonSerializer.Serialize(summary, ImportSummaryJson.Default.ImportSummary);

    private static List<(ChatImporter Importer, IReadOnlyList<ImportEntry> Files)> Plan(List<ImportInput> inputs, ImportOptions options, out int skipped)
    {
        skipped = 0;
        var plan = new List<(ChatImporter, IReadOnlyList<ImportEntry>)>();
        var head = new byte[HeadBytes];
        foreach (var input in inputs)
        {
            var accepted = new Dictionary<ChatImporter, List<ImportEntry>>();
            foreach (var entry in input.Entries)
            {
                if (entry.Length == 0)
                {
                    if (input.IsSingleFile)
                    {
                        throw ImportException.At(entry.DisplayPath, 0, Errors.FileEmpty());
                    }
                    skipped++;
                    continue;
                }
                var n = ReadHead(entry, head);
                var span = head.AsSpan(0, n);
                ChatImporter? match;
                if (options.Format is { } forced)
                {
                    var importer = Importers.First(i => i.Format == forced);
                    // A single named file is read as the forced format even if it does not look like
                    // it, so that the reader reports exactly where it stops making sense.
                    match = input.IsSingleFile || importer.Accepts(input, entry, span) ? importer : null;
                }
                else
                {
                    match = null;
                    foreach (var candidate in Importers)
                    {
                        if (candidate.Accepts(input, entry, span))
                        {
                            match = candidate;
                            break;
                        }
                    }
                }
                if (match is null)
                {
                    if (input.IsSingleFile)
                    {
                        throw ImportException.At(entry.DisplayPath, 0, Errors.NotAChatExport(string.Join(", ", ImportFormats.AllNames)));
                    }
                    skipped++;
                    continue;
                }
                if (!accepted.TryGetValue(match, out var list))
                {
                    accepted[match] = list = [];
                }
                list.Add(entry);
            }
            if (accepted.Count == 0)
            {
                throw ImportException.At(input.Path, 0, options.Format is { } f
                    ? Errors.NoExportOfFormat(f.Name())
                    : Errors.NoChatExport(string.Join(", ", ImportFormats.AllNames)));
            }
            foreach (var (importer, entries) in accepted)
            {
                foreach (var group in importer.Group(entries))
                {
                    plan.Add((importer, group));
                }
            }
        }
        // Stable: otherwise in the order given.
        return [.. plan.OrderBy(p => p.Item1.KnowsOnlyNames)];
    }

    private static int ReadHead(ImportEntry entry, byte[] head)
    {
        using var stream = entry.Open();
        var total = 0;
        int n;
        while (total < head.Length && (n = stream.Read(head, total, head.Length - total)) > 0)
        {
            total += n;
        }
        return total;
    }

    private sealed class SyncProgress(Action<long> report) : IProgress<long>
    {
        public void Report(long value) => report(value);
    }
}

public readonly record struct ImportProgress(long BytesRead, long TotalBytes);
