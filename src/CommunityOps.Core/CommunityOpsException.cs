using System.Globalization;

namespace CommunityOps;

/// <summary>
/// The one user-facing error type. Its message is complete on one line (what went wrong and where),
/// so hosts print it as-is: the CLI exits with code 2, the web host answers 4xx.
/// Anything else that escapes is an internal fault (exit code 1, 500).
/// </summary>
/// <remarks>
/// There is no constructor taking a string: every message is an <see cref="ErrorText"/> from resources,
/// so a host can show it in its reader's language with <see cref="Localized"/>. <see cref="Exception.Message"/>
/// is the English text.
/// </remarks>
public class CommunityOpsException : Exception
{
    public CommunityOpsException(ErrorText text, Exception? innerException = null) : base(text.ToString(), innerException) => Text = text;

    public ErrorText Text { get; }

    public string Localized(CultureInfo culture) => Text.Format(culture);
}
