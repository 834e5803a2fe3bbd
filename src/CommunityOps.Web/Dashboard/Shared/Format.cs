using System.Globalization;

namespace CommunityOps.Web.Dashboard.Shared;

/// <summary>Numbers and dates in the request's culture (zh-CN or en), instants in the community's time zone.</summary>
public static class Format
{
    public static string Number(long value) => value.ToString("N0", CultureInfo.CurrentCulture);

    public static string Date(DateTimeOffset? value, string? timeZone = null) =>
        value is { } v ? In(v, timeZone).ToString("d", CultureInfo.CurrentCulture) : "";

    public static string DateTime(DateTimeOffset? value, string? timeZone = null) =>
        value is { } v ? In(v, timeZone).ToString("g", CultureInfo.CurrentCulture) : "";

    public static string Bytes(long bytes) => bytes switch
    {
        < 1024 => $"{bytes.ToString("N0", CultureInfo.CurrentCulture)} B",
        < 1 << 20 => $"{(bytes / 1024.0).ToString("N1", CultureInfo.CurrentCulture)} KB",
        < 1 << 30 => $"{(bytes / 1048576.0).ToString("N1", CultureInfo.CurrentCulture)} MB",
        _ => $"{(bytes / 1073741824.0).ToString("N2", CultureInfo.CurrentCulture)} GB",
    };

    /// <summary>A machine-readable instant for &lt;time datetime&gt; and CSV.</summary>
    public static string Iso(DateTimeOffset? value) => value?.ToString("yyyy-MM-ddTHH:mm:ssK", CultureInfo.InvariantCulture) ?? "";

    private static DateTimeOffset In(DateTimeOffset value, string? timeZone) =>
        timeZone is not null && TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out var zone) ? TimeZoneInfo.ConvertTime(value, zone) : value;
}
