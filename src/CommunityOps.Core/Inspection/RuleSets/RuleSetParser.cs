using System.Text.Json;
using CommunityOps.Inspection.Rules;
using CommunityOps.Resources;

namespace CommunityOps.Inspection.RuleSets;

/// <summary>
/// Reads a rule set file (JSON, comments and trailing commas allowed):
/// {"name", "version", "rules": [{"name", "type", "category", "severity", "version"?, "enabled"?,
/// "scope": {"communities", "channels", "members": "all"|"members"|"staff"},
/// "exempt": {"staff", "members", "words"}, "parameters": {...}}]}.
/// Every mistake is reported as a <see cref="CommunityOpsException"/> naming the file and the rule.
/// </summary>
public static class RuleSetParser
{
    private static readonly HashSet<string> RuleKeys = ["name", "type", "category", "severity", "version", "enabled", "scope", "exempt", "parameters", "description"];

    public static RuleSet Parse(string json, string source, string? baseDirectory) => Parse(json, (object)source, baseDirectory);

    /// <param name="source">A path, or a label (<see cref="ErrorText"/>) for JSON that is not a file; messages name it.</param>
    internal static RuleSet Parse(string json, object source, string? baseDirectory)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new CommunityOpsException(Errors.NotValidJson(source, e.Message), e);
        }

        using (document)
        {
            var root = document.RootElement;
            var name = root.TryGetProperty("name", out var n) ? n.GetString() ?? "" : Path.GetFileNameWithoutExtension(source.ToString() ?? "");
            var version = root.TryGetProperty("version", out var v) ? v.ToString() : "0";
            if (!root.TryGetProperty("rules", out var rules) || rules.ValueKind != JsonValueKind.Array)
            {
                throw new CommunityOpsException(Errors.NoRulesArray(source));
            }

            var definitions = new List<RuleDefinition>();
            foreach (var rule in rules.EnumerateArray())
            {
                var definition = ParseRule(rule, version, source);
                if (definition is not null)
                {
                    definitions.Add(definition);
                }
            }

            var duplicate = definitions.GroupBy(d => d.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
            if (duplicate is not null)
            {
                throw new CommunityOpsException(Errors.Located(source, Errors.TwoRulesNamed(duplicate.Key)));
            }

            return new RuleSet(name, version, definitions, baseDirectory);
        }
    }

    public static Severity ParseSeverity(string? text, string rule) => text?.ToLowerInvariant() switch
    {
        "low" => Severity.Low,
        "medium" => Severity.Medium,
        "high" => Severity.High,
        "critical" => Severity.Critical,
        _ => throw new CommunityOpsException(Errors.RuleSeverity(rule, text)),
    };

    private static RuleDefinition? ParseRule(JsonElement rule, string setVersion, object source)
    {
        var name = Text(rule, "name") ?? throw new CommunityOpsException(Errors.Located(source, Errors.RuleHasNoName()));
        var unknown = rule.EnumerateObject().Select(p => p.Name).Where(k => !RuleKeys.Contains(k)).ToList();
        if (unknown.Count > 0)
        {
            throw new CommunityOpsException(Errors.Located(source, Errors.RuleUnknownKeys(name, string.Join(", ", unknown))));
        }

        if (rule.TryGetProperty("enabled", out var enabled) && enabled.ValueKind == JsonValueKind.False)
        {
            return null;
        }

        var type = Text(rule, "type") ?? throw new CommunityOpsException(Errors.Located(source, Errors.RuleHasNoType(name)));
        var category = Text(rule, "category") ?? throw new CommunityOpsException(Errors.Located(source, Errors.RuleHasNoCategory(name)));
        if (!RuleCategories.All.Contains(category))
        {
            throw new CommunityOpsException(Errors.Located(source, Errors.RuleUnknownCategory(name, category, string.Join(", ", RuleCategories.All))));
        }

        var severity = ParseSeverity(Text(rule, "severity") ?? "medium", name);
        var version = rule.TryGetProperty("version", out var v) ? $"{setVersion}/{v}" : setVersion;
        var parameters = rule.TryGetProperty("parameters", out var p) ? p.Clone() : JsonDocument.Parse("{}").RootElement.Clone();
        return new RuleDefinition(name, type, category, severity, version, ParseScope(rule, name, source), ParseExemptions(rule, name, source), parameters);
    }

    private static RuleScope ParseScope(JsonElement rule, string name, object source)
    {
        if (!rule.TryGetProperty("scope", out var scope))
        {
            return RuleScope.Everywhere;
        }

        var members = Text(scope, "members") ?? "all";
        return new RuleScope(Strings(scope, "communities", name, source), Strings(scope, "channels", name, source), members switch
        {
            "all" => MemberScope.All,
            "members" => MemberScope.Members,
            "staff" => MemberScope.Staff,
            _ => throw new CommunityOpsException(Errors.Located(source, Errors.RuleScopeMembers(name))),
        });
    }

    private static RuleExemptions ParseExemptions(JsonElement rule, string name, object source)
    {
        if (!rule.TryGetProperty("exempt", out var exempt))
        {
            return RuleExemptions.None;
        }

        bool staff = exempt.TryGetProperty("staff", out var s) && s.ValueKind == JsonValueKind.True;
        return new RuleExemptions(staff, Strings(exempt, "members", name, source), Strings(exempt, "words", name, source));
    }

    private static string? Text(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString() : null;

    private static IReadOnlyList<string> Strings(JsonElement element, string property, string name, object source)
    {
        if (!element.TryGetProperty(property, out var value))
        {
            return [];
        }

        if (value.ValueKind != JsonValueKind.Array || value.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String))
        {
            throw new CommunityOpsException(Errors.Located(source, Errors.RuleArrayOfStrings(name, property)));
        }

        return [.. value.EnumerateArray().Select(e => e.GetString()!)];
    }
}
