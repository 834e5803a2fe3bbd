namespace CommunityOps;

/// <summary>
/// The one user-facing error type. Its message is complete on one line (what went wrong and where),
/// so hosts print it as-is: the CLI exits with code 2, the web host answers 4xx.
/// Anything else that escapes is an internal fault (exit code 1, 500).
/// </summary>
public class CommunityOpsException : Exception
{
    public CommunityOpsException(string message) : base(message) { }

    public CommunityOpsException(string message, Exception? innerException) : base(message, innerException) { }
}
