namespace CommunityOps.Tests.Infra;

/// <summary>A temporary folder for files a test writes; deleted when the test ends.</summary>
public sealed class TempFiles : IDisposable
{
    public TempFiles()
    {
        Root = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "communityops-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    public string Path(string name) => System.IO.Path.Combine(Root, name);

    public string Write(string name, string content)
    {
        var path = Path(name);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    public string Write(string name, byte[] content)
    {
        var path = Path(name);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, content);
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, true);
        }
        catch (IOException)
        {
            // A file still open by a failing test; the OS temp cleaner takes it.
        }
    }
}
