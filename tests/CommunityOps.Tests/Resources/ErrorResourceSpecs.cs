using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using CommunityOps.Resources;

namespace CommunityOps.Tests.Resources;

/// <summary>
/// Every user-facing error is a resource key with an English and a Chinese text: Core's catalog and its two
/// files agree value for value, the CLI's and the web's error keys exist in both of theirs, and nothing can
/// make an error out of a plain string.
/// </summary>
public sealed partial class ErrorResourceSpecs
{
    // Keys that only arrange other texts ("file:line: what"); every other message must say something in words.
    private static readonly HashSet<string> Structural = [nameof(Errors.At), nameof(Errors.Located), nameof(Errors.ListSeparator), "Problem.Field"];

    [Fact]
    public void Every_core_message_has_an_English_and_a_Chinese_text_taking_the_same_values()
    {
        var en = Texts(Source("src/CommunityOps.Core/Resources/Errors.resx"));
        var zh = Texts(Source("src/CommunityOps.Core/Resources/Errors.zh-Hans.resx"));
        var messages = typeof(Errors).GetMethods(BindingFlags.Public | BindingFlags.Static).Where(m => m.ReturnType == typeof(ErrorText)).ToList();
        var used = new HashSet<string>();

        foreach (var message in messages)
        {
            var text = (ErrorText)message.Invoke(null, [.. message.GetParameters().Select(Sample)])!;
            used.Add(text.Key);
            en.ShouldContainKey(text.Key, message.Name);
            zh.ShouldContainKey(text.Key, message.Name);
            // Every value the method takes has a place in both texts, and no text waits for a value it is not given.
            Placeholders(en[text.Key]).ShouldBe(Enumerable.Range(0, text.Values.Count), $"{text.Key} in Errors.resx");
            Placeholders(zh[text.Key]).ShouldBe(Enumerable.Range(0, text.Values.Count), $"{text.Key} in Errors.zh-Hans.resx");
            text.Format(CultureInfo.GetCultureInfo("zh-CN")).ShouldNotBe(text.Format(ErrorText.English), text.Key);
        }

        messages.Count.ShouldBeGreaterThan(150);
        zh.Keys.ShouldBe(en.Keys, ignoreOrder: true);
        en.Keys.Except(used).ShouldBeEmpty("keys no method of Errors uses");
        ShouldBeTranslations(en, zh);
    }

    [Fact]
    public void Every_key_the_CLI_and_the_web_raise_errors_with_exists_in_English_and_Chinese()
    {
        var cliEn = Texts(Source("src/CommunityOps.Cli/Resources/Strings.resx"));
        var cliZh = Texts(Source("src/CommunityOps.Cli/Resources/Strings.zh-Hans.resx"));
        var cliUsed = Used(Source("src/CommunityOps.Cli"), CliKey());
        var cliErrors = Used(Source("src/CommunityOps.Cli"), CliErrorKey());
        var webEn = Texts(Source("src/CommunityOps.Web/Resources/Strings.resx"));
        var webZh = Texts(Source("src/CommunityOps.Web/Resources/Strings.zh-Hans.resx"));
        var webErrors = Used(Source("src/CommunityOps.Web"), WebProblemKey()).Select(k => "Problem." + k).ToHashSet();

        cliZh.Keys.ShouldBe(cliEn.Keys, ignoreOrder: true);
        cliUsed.Where(k => !cliEn.ContainsKey(k)).ShouldBeEmpty("CliText keys missing from Strings.resx");
        foreach (var key in cliEn.Keys)
        {
            Placeholders(cliZh[key]).ShouldBe(Placeholders(cliEn[key]), $"{key} in the CLI's Strings.zh-Hans.resx");
        }
        cliErrors.Count.ShouldBeGreaterThan(10);
        ShouldBeTranslations(cliEn.Where(e => cliErrors.Contains(e.Key)).ToDictionary(), cliZh);

        webErrors.Where(k => !webEn.ContainsKey(k)).ShouldBeEmpty("Strings.Problem keys missing from the web's Strings.resx");
        webErrors.Where(k => !webZh.ContainsKey(k)).ShouldBeEmpty("Strings.Problem keys missing from the web's Strings.zh-Hans.resx");
        foreach (var key in webErrors)
        {
            Placeholders(webZh[key]).ShouldBe(Placeholders(webEn[key]), $"{key} in the web's Strings.zh-Hans.resx");
        }
        webErrors.Count.ShouldBeGreaterThan(20);
        ShouldBeTranslations(webEn.Where(e => webErrors.Contains(e.Key)).ToDictionary(), webZh);
    }

    [Fact]
    public void A_user_facing_error_can_only_be_made_from_a_resource_key()
    {
        // No constructor of the base type takes a message: every subclass passes an ErrorText down.
        typeof(CommunityOpsException).GetConstructors(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance)
            .Where(c => c.GetParameters() is not [{ ParameterType: var first }, ..] || first != typeof(ErrorText)).Select(c => c.ToString())
            .ShouldBeEmpty("constructors of CommunityOpsException that do not start with an ErrorText");
        // An ErrorText needs resources; besides the type itself only the three catalogs hold them, so every key goes through one of them.
        var catalogs = new[]
            {
                "src/CommunityOps.Core/ErrorText.cs", "src/CommunityOps.Core/ErrorText.Stored.cs",
                "src/CommunityOps.Core/Resources/Errors.cs", "src/CommunityOps.Cli/CliText.cs", "src/CommunityOps.Web/Resources/Strings.cs",
            }
            .Select(p => Path.GetFullPath(Source(p))).ToHashSet();
        var elsewhere = Directory.EnumerateFiles(Source("src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal) && !catalogs.Contains(Path.GetFullPath(f)))
            .Where(f => ResourcesOrNewText().IsMatch(File.ReadAllText(f)))
            .Select(f => Path.GetRelativePath(Source(""), f))
            .ToList();
        elsewhere.ShouldBeEmpty("files that make an ErrorText outside the catalogs");
    }

    private static void ShouldBeTranslations(IReadOnlyDictionary<string, string> en, IReadOnlyDictionary<string, string> zh)
    {
        foreach (var (key, english) in en)
        {
            var chinese = zh[key];
            chinese.ShouldNotBeNullOrWhiteSpace(key);
            chinese.ShouldNotBe(english, key);
            if (Words().IsMatch(WithoutPlaceholders(english)))
            {
                Han().IsMatch(chinese).ShouldBeTrue($"{key}: \"{chinese}\" has no Chinese in it");
            }
            else
            {
                // A text with no words of its own would let any English through as a value.
                Structural.ShouldContain(key, $"{key} has no words of its own");
            }
        }
    }

    private static object? Sample(ParameterInfo parameter) => parameter.ParameterType switch
    {
        var t when t == typeof(int) => 7,
        var t when t == typeof(long) => 4_096L,
        var t when t == typeof(double) => 0.5,
        var t when t == typeof(ErrorText) => Errors.Required(),
        var t when t == typeof(IReadOnlyList<ErrorText>) => new[] { Errors.Required(), Errors.FileEmpty() },
        _ => $"«{parameter.Name}»",
    };

    private static IEnumerable<int> Placeholders(string template) =>
        Placeholder().Matches(template.Replace("{{", "", StringComparison.Ordinal).Replace("}}", "", StringComparison.Ordinal))
            .Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).Distinct().Order();

    private static string WithoutPlaceholders(string template) => Placeholder().Replace(template, "");

    private static Dictionary<string, string> Texts(string resx) =>
        XDocument.Load(resx).Root!.Elements("data").ToDictionary(d => (string)d.Attribute("name")!, d => (string)d.Element("value")!);

    private static HashSet<string> Used(string folder, Regex key) =>
        Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => key.Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value))
            .ToHashSet();

    private static string Source(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CommunityOps.slnx")))
            {
                return Path.Combine(dir.FullName, relative);
            }
        }
        throw new DirectoryNotFoundException("CommunityOps.slnx not found above the test binaries");
    }

    [GeneratedRegex(@"\{(\d+)(?:[,:][^}]*)?\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex("[A-Za-z]{2,}")]
    private static partial Regex Words();

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex Han();

    [GeneratedRegex("""CliText\.(?:Get|Format|Error)\("([^"]+)"\s*[,)]""")]
    private static partial Regex CliKey();

    [GeneratedRegex("""CliText\.Error\("([^"]+)"\s*[,)]""")]
    private static partial Regex CliErrorKey();

    [GeneratedRegex("""Strings\.Problem\("([^"]+)"\s*[,)]""")]
    private static partial Regex WebProblemKey();

    [GeneratedRegex(@"new\s+ErrorText\s*\(|\bResourceManager\b|\bErrors\.Resources\b")]
    private static partial Regex ResourcesOrNewText();
}
