using System.Resources;

namespace CommunityOps.Web.Resources;

/// <summary>Marker for the dashboard's strings: Strings.resx (English) and Strings.zh-Hans.resx (简体中文).</summary>
public sealed class Strings
{
    private static readonly ResourceManager Resources = new(typeof(Strings).FullName!, typeof(Strings).Assembly);

    /// <summary>
    /// A "Problem.<paramref name="key"/>" message of the host's own <see cref="CommunityOpsException"/>s (a
    /// refused request value): English in the exception's Message, the request's language in the answer.
    /// </summary>
    internal static ErrorText Problem(string key, params object?[] values) => new(Resources, "Problem." + key, values);

    /// <summary>A stored <see cref="ErrorText"/> (Core's or a Problem of ours), or null when it cannot be read back.</summary>
    internal static ErrorText? Stored(string json) => ErrorText.FromJson(json, Resources);
}
