using System.Globalization;
using System.Resources;

namespace CommunityOps.Cli;

/// <summary>CLI messages in English or Simplified Chinese, from Resources/Strings*.resx.</summary>
internal static class CliText
{
    private static readonly ResourceManager Resources = new("CommunityOps.Cli.Resources.Strings", typeof(CliText).Assembly);

    // Per invocation (async flow), so that in-process runs in parallel tests do not share a language.
    private static readonly AsyncLocal<CultureInfo?> Current = new();

    public static CultureInfo Culture => Current.Value ?? CultureInfo.GetCultureInfo("en");

    /// <summary>--lang wins, then COMMUNITYOPS_LANG, then the POSIX locale variables.</summary>
    public static void Choose(string? lang)
    {
        var value = lang
            ?? Environment.GetEnvironmentVariable("COMMUNITYOPS_LANG")
            ?? Environment.GetEnvironmentVariable("LC_ALL")
            ?? Environment.GetEnvironmentVariable("LC_MESSAGES")
            ?? Environment.GetEnvironmentVariable("LANG")
            ?? "en";
        Current.Value = value.StartsWith("zh", StringComparison.OrdinalIgnoreCase)
            ? CultureInfo.GetCultureInfo("zh-Hans")
            : CultureInfo.GetCultureInfo("en");
    }

    public static string Get(string key) => Resources.GetString(key, Culture) ?? key;

    public static string Format(string key, params object?[] args) => string.Format(Culture, Get(key), args);

    /// <summary>A message for a <see cref="CommunityOpsException"/>: put into words where it is printed, in English in its Message.</summary>
    public static ErrorText Error(string key, params object?[] args) => new(Resources, key, args);
}
