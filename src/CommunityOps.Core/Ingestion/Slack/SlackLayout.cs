using System.Text.RegularExpressions;

namespace CommunityOps.Ingestion.Slack;

/// <summary>
/// Where the Slack exports are inside an input. An export root is a folder (or the inside of a zip)
/// holding channels.json, groups.json, dms.json or mpims.json, or users.json beside channel folders of
/// YYYY-MM-DD.json day files. Every json file at a root or in one of its channel folders belongs to it.
/// </summary>
internal sealed partial class SlackLayout
{
    private static readonly string[] ConversationLists = ["channels.json", "groups.json", "dms.json", "mpims.json"];
    private static readonly string[] UserLists = ["users.json", "org_users.json"];

    private readonly HashSet<string> _roots;

    private SlackLayout(HashSet<string> roots) => _roots = roots;

    public static SlackLayout Find(IEnumerable<ImportEntry> entries)
    {
        var files = new HashSet<string>(StringComparer.Ordinal);
        var dayFolders = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            files.Add(entry.RelativePath);
            if (DayFile().IsMatch(entry.RelativePath))
            {
                dayFolders.Add(Parent(entry.RelativePath));
            }
        }
        var roots = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in files)
        {
            var name = Name(path);
            var dir = Parent(path);
            if (ConversationLists.Contains(name, StringComparer.Ordinal))
            {
                roots.Add(dir);
            }
            else if (UserLists.Contains(name, StringComparer.Ordinal) && dayFolders.Any(f => GrandParent(f) == dir))
            {
                roots.Add(dir);
            }
        }
        return new SlackLayout(roots);
    }

    public bool IsEmpty => _roots.Count == 0;

    /// <summary>The export root the file belongs to, or null when it is not part of a Slack export.</summary>
    public string? RootOf(string relativePath)
    {
        if (!relativePath.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        var dir = Parent(relativePath);
        if (_roots.Contains(dir))
        {
            return dir;
        }
        return GrandParent(dir) is { } up && _roots.Contains(up) ? up : null;
    }

    /// <summary>Whether the file sits directly at its export root (users.json, channels.json, ...).</summary>
    public static bool IsAtRoot(string relativePath, string root) => Parent(relativePath) == root;

    public static bool IsDayFile(string relativePath) => DayFile().IsMatch(relativePath);

    /// <summary>The channel folder name of a day file.</summary>
    public static string FolderName(string relativePath) => Name(Parent(relativePath));

    public static string Name(string path)
    {
        var i = path.LastIndexOfAny(['/', '!']);
        return i < 0 ? path : path[(i + 1)..];
    }

    /// <summary>The folder of a path; the inside of a zip ("a.zip!") counts as a folder of its own.</summary>
    public static string Parent(string path)
    {
        var i = path.LastIndexOfAny(['/', '!']);
        return i < 0 ? "" : path[i] == '!' ? path[..(i + 1)] : path[..i];
    }

    /// <summary>The folder above a folder; none above an input's root or a zip's inside.</summary>
    private static string? GrandParent(string dir) => dir.Length == 0 || dir.EndsWith('!') ? null : Parent(dir);

    [GeneratedRegex(@"(^|[/!])[^/!]+/\d{4}-\d{2}-\d{2}\.json$")]
    private static partial Regex DayFile();
}
