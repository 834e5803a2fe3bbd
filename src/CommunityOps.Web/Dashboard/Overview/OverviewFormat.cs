using System.Globalization;
using CommunityOps.Web.Resources;
using Microsoft.Extensions.Localization;

namespace CommunityOps.Web.Dashboard.Overview;

public static class OverviewFormat
{
    public static string Value(double? value, KpiFormat format, IStringLocalizer<Strings> l) => value switch
    {
        null => "–",
        { } v when format == KpiFormat.Percent => v.ToString("P1", CultureInfo.CurrentCulture),
        { } v when format == KpiFormat.Duration => Duration(v, l),
        { } v => v.ToString(Math.Abs(v) >= 100 || v == Math.Floor(v) ? "N0" : "N1", CultureInfo.CurrentCulture),
    };

    /// <summary>Seconds as a person reads them: 42 s, 35 min, 2.1 h.</summary>
    public static string Duration(double seconds, IStringLocalizer<Strings> l) => seconds switch
    {
        < 60 => string.Format(CultureInfo.CurrentCulture, l["Unit.Seconds"], seconds.ToString("N0", CultureInfo.CurrentCulture)),
        < 3600 => string.Format(CultureInfo.CurrentCulture, l["Unit.Minutes"], (seconds / 60).ToString("N0", CultureInfo.CurrentCulture)),
        _ => string.Format(CultureInfo.CurrentCulture, l["Unit.Hours"], (seconds / 3600).ToString("N1", CultureInfo.CurrentCulture)),
    };
}
