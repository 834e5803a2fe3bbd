using CommunityOps.Resources;

namespace CommunityOps.Inspection;

/// <summary>
/// Finds the shared datasets folder (lexicons, training data) that lives beside the checkout rather than
/// inside it: COMMUNITYOPS_DATASETS if set, else the first ancestor of the start folder that has a
/// <c>shared/datasets</c> child.
/// </summary>
public static class DatasetsDirectory
{
    public const string EnvironmentVariable = "COMMUNITYOPS_DATASETS";

    public static string? TryFind(string? startDirectory = null)
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrEmpty(fromEnvironment) && Directory.Exists(fromEnvironment))
        {
            return Path.GetFullPath(fromEnvironment);
        }

        foreach (var start in new[] { startDirectory, AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = start is null ? null : new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "shared", "datasets");
                if (Directory.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    public static string Find(string? startDirectory = null) => TryFind(startDirectory)
        ?? throw new CommunityOpsException(Errors.DatasetsNotFound(EnvironmentVariable));
}
