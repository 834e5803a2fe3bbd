using CommunityOps.Web.Resources;
using Microsoft.Extensions.Localization;

namespace CommunityOps.Web.Dashboard.Inspection;

/// <summary>Codes of the inspection (categories, severities, states) in the page's language; an unknown code is shown as it is.</summary>
public static class Labels
{
    public static string Category(IStringLocalizer<Strings> l, string code) => Lookup(l, "Category.", code);

    public static string Severity(IStringLocalizer<Strings> l, string code) => Lookup(l, "Severity.", code);

    public static string Status(IStringLocalizer<Strings> l, string code) => Lookup(l, "Status.", code);

    public static string Action(IStringLocalizer<Strings> l, string code) => Lookup(l, "AuditAction.", code);

    private static string Lookup(IStringLocalizer<Strings> l, string prefix, string code)
    {
        var key = prefix + string.Concat(code.Split('_').Select(p => p.Length == 0 ? p : char.ToUpperInvariant(p[0]) + p[1..]));
        var text = l[key];
        return text.ResourceNotFound ? code : text.Value;
    }

    public static string SeverityBadge(string code) => code switch
    {
        "critical" => "text-bg-danger",
        "high" => "text-bg-warning",
        "medium" => "text-bg-info",
        _ => "text-bg-secondary",
    };
}
