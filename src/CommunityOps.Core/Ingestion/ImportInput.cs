using System.IO.Compression;
using CommunityOps.Resources;

namespace CommunityOps.Ingestion;

/// <summary>
/// A PATH given to import, seen as a list of files: a single file, a folder walked recursively, or a
/// zip. Zip entries are never extracted to disk; their paths are checked and their sizes bounded.
/// </summary>
public sealed class ImportInput : IDisposable
{
    private readonly List<IDisposable> _owned = [];

    private ImportInput(string path, bool isSingleFile)
    {
        Path = path;
        IsSingleFile = isSingleFile;
    }

    public string Path { get; }

    /// <summary>A single plain file: an unrecognized file is an error rather than something to skip.</summary>
    public bool IsSingleFile { get; }

    public List<ImportEntry> Entries { get; } = [];

    public bool Contains(string relativePath) => Entries.Any(e => e.RelativePath == relativePath);

    public static ImportInput Open(string path, ImportLimits limits)
    {
        if (Directory.Exists(path))
        {
            var input = new ImportInput(path, false);
            var root = System.IO.Path.GetFullPath(path);
            foreach (var file in Directory.EnumerateFiles(root, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.Hidden | FileAttributes.System | FileAttributes.ReparsePoint }).Order(StringComparer.Ordinal))
            {
                var rel = System.IO.Path.GetRelativePath(root, file).Replace('\\', '/');
                if (IsZip(file))
                {
                    input.AddZip(file, limits, rel + "!");
                    continue;
                }
                var info = new FileInfo(file);
                input.Entries.Add(new ImportEntry(file, rel, info.Length, () => OpenFile(file)));
            }
            return input;
        }
        if (!File.Exists(path))
        {
            throw ImportException.At(path, 0, Errors.NoSuchFileOrFolder());
        }
        if (IsZip(path))
        {
            var zipInput = new ImportInput(path, false);
            zipInput.AddZip(path, limits, "");
            return zipInput;
        }
        var single = new ImportInput(path, true);
        single.Entries.Add(new ImportEntry(path, System.IO.Path.GetFileName(path), new FileInfo(path).Length, () => OpenFile(path)));
        return single;
    }

    private static FileStream OpenFile(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);

    private static bool IsZip(string path)
    {
        Span<byte> magic = stackalloc byte[4];
        using var fs = File.OpenRead(path);
        return fs.Read(magic) == 4 && magic[0] == 'P' && magic[1] == 'K' && magic[2] == 3 && magic[3] == 4;
    }

    private void AddZip(string zipPath, ImportLimits limits, string prefix)
    {
        ZipArchive archive;
        try
        {
            archive = ZipFile.OpenRead(zipPath);
        }
        catch (InvalidDataException ex)
        {
            throw ImportException.At(zipPath, 0, Errors.NotAZip(ex.Message), ex);
        }
        _owned.Add(archive);
        long total = 0;
        foreach (var entry in archive.Entries)
        {
            if (entry.FullName.EndsWith('/') || entry.FullName.EndsWith('\\'))
            {
                continue; // a folder record
            }
            var name = SafeEntryName(zipPath, entry.FullName);
            if (name.StartsWith("__MACOSX/", StringComparison.Ordinal))
            {
                continue; // Finder's resource forks, never chat data
            }
            if (entry.Length > limits.MaxEntryBytes
                || (entry.Length > limits.RatioCheckAbove && entry.Length > (long)limits.MaxCompressionRatio * Math.Max(1, entry.CompressedLength)))
            {
                throw ImportException.At($"{zipPath}!{entry.FullName}", 0, Errors.ZipEntryTooLarge(entry.Length, entry.CompressedLength));
            }
            total += entry.Length;
            if (total > limits.MaxTotalBytes)
            {
                throw ImportException.At(zipPath, 0, Errors.ZipTooLarge(limits.MaxTotalBytes));
            }
            var display = $"{zipPath}!{name}";
            var declared = entry.Length;
            var captured = entry;
            Entries.Add(new ImportEntry(display, prefix + name, declared,
                () => new BoundedStream(captured.Open(), declared, display)));
        }
    }

    /// <summary>Entry names come from the archive's author: refuse anything that could point outside it.</summary>
    internal static string SafeEntryName(string zipPath, string fullName)
    {
        var name = fullName.Replace('\\', '/');
        if (name.StartsWith('/') || (name.Length > 1 && name[1] == ':') || name.Contains('\0', StringComparison.Ordinal)
            || name.Split('/').Any(segment => segment == ".."))
        {
            throw ImportException.At(zipPath, 0, Errors.ZipUnsafePath(fullName));
        }
        return name;
    }

    public void Dispose()
    {
        foreach (var d in _owned)
        {
            d.Dispose();
        }
    }
}
