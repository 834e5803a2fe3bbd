namespace CommunityOps.Ingestion;

/// <summary>One file of an input: a plain file, a file found in a folder, or an entry of a zip.</summary>
public sealed class ImportEntry(string displayPath, string relativePath, long length, Func<Stream> open)
{
    /// <summary>What error messages name: the path, or "archive.zip!inner/path".</summary>
    public string DisplayPath { get; } = displayPath;

    /// <summary>'/'-separated path inside the input (the file name for a single file).</summary>
    public string RelativePath { get; } = relativePath;

    public string FileName => RelativePath[(RelativePath.LastIndexOf('/') + 1)..];

    /// <summary>'/'-separated folder of the entry inside the input, "" at the root.</summary>
    public string Folder => RelativePath.LastIndexOf('/') is var i && i >= 0 ? RelativePath[..i] : "";

    public long Length { get; } = length;

    public Stream Open() => open();

    public override string ToString() => DisplayPath;
}
