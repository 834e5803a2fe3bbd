using CommunityOps.Resources;

namespace CommunityOps.Ingestion.Common;

/// <summary>Turns the wall-clock times of exports without offsets into UTC instants.</summary>
public static class TimeParsing
{
    /// <summary>
    /// Local wall-clock time in <paramref name="zone"/> to Unix milliseconds. A time that a DST change
    /// skipped is read as the standard offset; an ambiguous one as the earlier (daylight) instant.
    /// </summary>
    public static long LocalToUnixMs(DateTime local, TimeZoneInfo zone)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (zone == TimeZoneInfo.Utc)
        {
            return new DateTimeOffset(local, TimeSpan.Zero).ToUnixTimeMilliseconds();
        }
        TimeSpan offset;
        if (zone.IsInvalidTime(local))
        {
            offset = zone.BaseUtcOffset;
        }
        else if (zone.IsAmbiguousTime(local))
        {
            offset = zone.GetAmbiguousTimeOffsets(local).Max();
        }
        else
        {
            offset = zone.GetUtcOffset(local);
        }
        return new DateTimeOffset(local, offset).ToUnixTimeMilliseconds();
    }

    public static TimeZoneInfo FindZone(string id)
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw new CommunityOpsException(Errors.UnknownTimeZone(id), ex);
        }
    }
}
