using System.Text.Json;
using CommunityOps.Resources;

namespace CommunityOps.Inspection.Rules;

/// <summary>
/// Typed access to a rule's "parameters" object with errors that name the rule and the parameter.
/// Every parameter read is remembered, so <see cref="RejectUnknown"/> can catch typos ("treshold").
/// </summary>
internal sealed class RuleParameters(RuleDefinition rule)
{
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    public string Rule => rule.Name;

    public JsonElement? Get(string name)
    {
        _read.Add(name);
        return rule.Parameters.ValueKind == JsonValueKind.Object && rule.Parameters.TryGetProperty(name, out var value)
            && value.ValueKind != JsonValueKind.Null ? value : null;
    }

    public string String(string name, string fallback) => Get(name) switch
    {
        null => fallback,
        { ValueKind: JsonValueKind.String } v => v.GetString()!,
        _ => throw Invalid(name, Errors.AString()),
    };

    public string RequiredString(string name) => Get(name) is { ValueKind: JsonValueKind.String } v && v.GetString() is { Length: > 0 } s
        ? s : throw Invalid(name, Errors.ANonEmptyString());

    public int Int(string name, int fallback, int min = int.MinValue, int max = int.MaxValue)
    {
        var value = Get(name);
        if (value is null)
        {
            return fallback;
        }

        if (value.Value.ValueKind != JsonValueKind.Number || !value.Value.TryGetInt32(out int n) || n < min || n > max)
        {
            throw Invalid(name, Errors.AWholeNumberFrom(min, max));
        }

        return n;
    }

    public double Double(string name, double fallback, double min = double.MinValue, double max = double.MaxValue)
    {
        var value = Get(name);
        if (value is null)
        {
            return fallback;
        }

        if (value.Value.ValueKind != JsonValueKind.Number || value.Value.GetDouble() is var d && (d < min || d > max))
        {
            throw Invalid(name, Errors.ANumberFrom(min, max));
        }

        return value.Value.GetDouble();
    }

    public bool Bool(string name, bool fallback) => Get(name) switch
    {
        null => fallback,
        { ValueKind: JsonValueKind.True } => true,
        { ValueKind: JsonValueKind.False } => false,
        _ => throw Invalid(name, Errors.TrueOrFalse()),
    };

    public IReadOnlyList<string> Strings(string name)
    {
        var value = Get(name);
        if (value is null)
        {
            return [];
        }

        if (value.Value.ValueKind != JsonValueKind.Array || value.Value.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String))
        {
            throw Invalid(name, Errors.AnArrayOfStrings());
        }

        return [.. value.Value.EnumerateArray().Select(e => e.GetString()!)];
    }

    public void RejectUnknown()
    {
        if (rule.Parameters.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        var unknown = rule.Parameters.EnumerateObject().Select(p => p.Name).Where(n => !_read.Contains(n)).ToList();
        if (unknown.Count > 0)
        {
            throw new CommunityOpsException(Errors.UnknownParameters(rule.Name, rule.Type, string.Join(", ", unknown)));
        }
    }

    public CommunityOpsException Invalid(string name, ErrorText expected) => new(Errors.ParameterMustBe(rule.Name, name, expected));
}
