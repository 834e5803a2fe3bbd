namespace CommunityOps.Ingestion;

/// <summary>Bad input: says which file, and where in it (line or field), in one line.</summary>
public sealed class ImportException : CommunityOpsException
{
    public ImportException(string message, Exception? inner = null) : base(message, inner) { }

    public static ImportException At(string file, long line, string what, Exception? inner = null) =>
        new(line > 0 ? $"{file}:{line}: {what}" : $"{file}: {what}", inner);

    public static ImportException Field(string file, long line, string field, string what, Exception? inner = null) =>
        At(file, line, $"field '{field}': {what}", inner);

    /// <summary>A JSON string whose bytes are not UTF-8 (or that escapes half a surrogate pair).</summary>
    public static ImportException NotUtf8(string file, long line, Exception inner) =>
        At(file, line, "invalid JSON (a string is not valid UTF-8)", inner);
}
