using System.Text;
using CommunityOps.Web.Hosting;
using CommunityOps.Web.Resources;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace CommunityOps.Web.Imports;

/// <summary>What a multipart upload carried: files saved to a private folder, and the form fields.</summary>
public sealed record Upload(string Folder, IReadOnlyList<string> Paths, IReadOnlyList<string> Names, long Bytes, IReadOnlyDictionary<string, string> Fields);

/// <summary>
/// Streams a multipart/form-data body to disk, file by file, counting bytes against the upload limit;
/// nothing is held in memory, so a several-gigabyte export costs the same as a small one.
/// </summary>
public static class UploadReader
{
    public const int MaxFiles = 100;
    private const int MaxFieldBytes = 1024;

    public sealed class TooLargeException(long limit) : Exception(Strings.Problem("UploadTooLarge", limit).ToString())
    {
        public long Limit { get; } = limit;

        public ErrorText Text { get; } = Strings.Problem("UploadTooLarge", limit);
    }

    public static async Task<Upload> ReadAsync(HttpRequest request, string root, long limit, CancellationToken ct)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType)
            || !contentType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(contentType.Boundary).Value is not { Length: > 0 and <= 200 } boundary)
        {
            throw new FieldException("files", Strings.Problem("Multipart"));
        }
        if (request.ContentLength > limit)
        {
            throw new TooLargeException(limit);
        }
        // Kestrel's default body limit (30 MB) is for ordinary requests; uploads get the configured one.
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = limit + (1 << 20);
        }
        var folder = Path.Combine(root, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var paths = new List<string>();
            var names = new List<string>();
            var fields = new Dictionary<string, string>(StringComparer.Ordinal);
            long total = 0;
            // The byte count below is the one limit, across all sections; the reader's own per-section limit is off.
            var reader = new MultipartReader(boundary, request.Body) { BodyLengthLimit = null };
            MultipartSection? section;
            while ((section = await reader.ReadNextSectionAsync(ct)) is not null)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition))
                {
                    continue;
                }
                if (disposition.IsFileDisposition())
                {
                    if (paths.Count == MaxFiles)
                    {
                        throw new FieldException("files", Strings.Problem("TooManyFiles", MaxFiles));
                    }
                    var original = (disposition.FileNameStar.HasValue ? disposition.FileNameStar.Value : HeaderUtilities.RemoveQuotes(disposition.FileName).Value) ?? "";
                    var safe = SafeFileName(original);
                    // One folder per file: two files may share a name, and the importers look at names (result.json).
                    var dir = Path.Combine(folder, paths.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    Directory.CreateDirectory(dir);
                    var path = Path.Combine(dir, safe);
                    await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous))
                    {
                        total = await CopyAsync(section.Body, file, total, limit, false, ct);
                    }
                    paths.Add(path);
                    names.Add(safe);
                }
                else if (disposition.IsFormDisposition())
                {
                    var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? "";
                    using var value = new MemoryStream();
                    await CopyAsync(section.Body, value, 0, MaxFieldBytes, true, ct);
                    fields[name] = Encoding.UTF8.GetString(value.ToArray());
                }
            }
            if (paths.Count == 0)
            {
                throw new FieldException("files", Strings.Problem("NoFiles"));
            }
            return new Upload(folder, paths, names, total, fields);
        }
        catch (InvalidDataException ex)
        {
            Directory.Delete(folder, true);
            throw new FieldException("files", Strings.Problem("MalformedMultipart", ex.Message));
        }
        catch
        {
            Directory.Delete(folder, true);
            throw;
        }
    }

    private static async Task<long> CopyAsync(Stream from, Stream to, long total, long limit, bool isField, CancellationToken ct)
    {
        var buffer = new byte[81920];
        int n;
        while ((n = await from.ReadAsync(buffer, ct)) > 0)
        {
            total += n;
            if (total > limit)
            {
                throw isField ? new FieldException("fields", Strings.Problem("FieldsTooLarge", MaxFieldBytes)) : new TooLargeException(limit);
            }
            await to.WriteAsync(buffer.AsMemory(0, n), ct);
        }
        return total;
    }

    /// <summary>The client's file name without any folder part or characters that mean something to a file system.</summary>
    internal static string SafeFileName(string name)
    {
        var last = name.Replace('\\', '/').Split('/').LastOrDefault() ?? "";
        var cleaned = new string(last.Select(c => char.IsControl(c) || Path.GetInvalidFileNameChars().Contains(c) ? '_' : c).ToArray()).Trim();
        if (cleaned is "" or "." or "..")
        {
            return "upload";
        }
        return cleaned.Length > 120 ? cleaned[^120..] : cleaned;
    }
}
