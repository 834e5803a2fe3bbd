using CommunityOps.Resources;

namespace CommunityOps.Ingestion;

/// <summary>Bad input: says which file, and where in it (line or field), in one line.</summary>
public sealed class ImportException : CommunityOpsException
{
    public ImportException(ErrorText text, Exception? inner = null) : base(text, inner) { }

    /// <summary><paramref name="line"/> 0 when the problem is the whole file (or no line is known).</summary>
    public static ImportException At(string file, long line, ErrorText what, Exception? inner = null) =>
        new(Errors.At(file, line, what), inner);

    public static ImportException Field(string file, long line, string field, ErrorText what, Exception? inner = null) =>
        At(file, line, Errors.Field(field, what), inner);

    /// <summary>A JSON string whose bytes are not UTF-8 (or that escapes half a surrogate pair).</summary>
    public static ImportException NotUtf8(string file, long line, Exception inner) =>
        At(file, line, Errors.InvalidJson(Errors.StringNotUtf8()), inner);
}
