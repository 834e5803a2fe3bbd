namespace CommunityOps.Tests.Infra;

/// <summary>
/// The real datasets live in ../shared beside the project root (also in CI). They are referenced,
/// never copied into the repository.
/// </summary>
public static class SharedData
{
    private static readonly Lazy<string> Root = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = System.IO.Path.Combine(dir.FullName, "shared", "datasets");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new DirectoryNotFoundException("shared/datasets was not found beside the project root");
    });

    public static string Datasets => Root.Value;

    public static string Path(params string[] parts) => System.IO.Path.Combine([Datasets, .. parts]);
}
