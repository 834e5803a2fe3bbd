using System.Text.Json;
using CommunityOps.Resources;

namespace CommunityOps.Inspection.SpotChecks;

/// <summary>One item of a rubric file.</summary>
public sealed record RubricItemDefinition(string Id, string Title, int Points, bool IsFatal);

/// <summary>
/// A rubric as written in a file: {"name", "version", "base": 100, "passMark": 60, "items": [{"id",
/// "title", "points", "fatal"}]}. A conversation starts at <see cref="BaseScore"/>; each item the
/// inspector marks adds its points (negative points take them); it passes with at least
/// <see cref="PassMark"/> and no fatal item marked.
/// </summary>
public sealed record Rubric(string Name, string Version, int BaseScore, int PassMark, IReadOnlyList<RubricItemDefinition> Items)
{
    public const string DefaultName = "default";

    private static readonly HashSet<string> RootKeys = ["name", "version", "base", "passMark", "items", "description"];
    private static readonly HashSet<string> ItemKeys = ["id", "title", "points", "fatal", "description"];

    /// <summary>"default" for the shipped rubric, else a path to a rubric JSON file.</summary>
    public static Rubric Load(string fileOrDefault)
    {
        if (fileOrDefault == DefaultName)
        {
            return Parse(DefaultRubric.Json, "builtin:default");
        }
        if (!File.Exists(fileOrDefault))
        {
            throw new CommunityOpsException(Errors.RubricNotFound(fileOrDefault));
        }
        return Parse(File.ReadAllText(fileOrDefault), fileOrDefault);
    }

    /// <summary>Reads a rubric; every mistake is one <see cref="CommunityOpsException"/> naming the source and the field.</summary>
    public static Rubric Parse(string json, string source)
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
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new CommunityOpsException(Errors.Located(source, Errors.RubricIsObject()));
            }
            Unknown(root, RootKeys, source, Errors.TheRubric());
            var name = Text(root, "name", source, "name") ?? Path.GetFileNameWithoutExtension(source);
            var version = root.TryGetProperty("version", out var v) ? v.ToString() : "1";
            var baseScore = Int(root, "base", source, "base") ?? 100;
            var passMark = Int(root, "passMark", source, "passMark") ?? 60;
            if (!root.TryGetProperty("items", out var items) || items.ValueKind != JsonValueKind.Array || items.GetArrayLength() == 0)
            {
                throw new CommunityOpsException(Errors.Located(source, Errors.RubricItemsNotEmpty()));
            }
            var list = new List<RubricItemDefinition>();
            var index = 0;
            foreach (var item in items.EnumerateArray())
            {
                var at = $"items[{index++}]";
                if (item.ValueKind != JsonValueKind.Object)
                {
                    throw new CommunityOpsException(Errors.Located(source, Errors.MustBeObject(at)));
                }
                Unknown(item, ItemKeys, source, at);
                var id = Text(item, "id", source, $"{at}.id") is { Length: > 0 } i ? i : throw new CommunityOpsException(Errors.Located(source, Errors.IdMissing(at)));
                if (list.Any(x => x.Id == id))
                {
                    throw new CommunityOpsException(Errors.Located(source, Errors.IdTwice(at, id)));
                }
                var points = Int(item, "points", source, $"{at}.points") ?? 0;
                var fatal = item.TryGetProperty("fatal", out var f)
                    ? f.ValueKind switch
                    {
                        JsonValueKind.True => true,
                        JsonValueKind.False => false,
                        _ => throw new CommunityOpsException(Errors.Located(source, Errors.FatalTrueOrFalse(at))),
                    }
                    : false;
                if (points == 0 && !fatal)
                {
                    throw new CommunityOpsException(Errors.Located(source, Errors.ItemChangesNothing(at, id)));
                }
                list.Add(new RubricItemDefinition(id, Text(item, "title", source, $"{at}.title") ?? id, points, fatal));
            }
            return new Rubric(name, version, baseScore, passMark, list);
        }
    }

    private static void Unknown(JsonElement element, HashSet<string> known, string source, object where)
    {
        var unknown = element.EnumerateObject().Select(p => p.Name).FirstOrDefault(k => !known.Contains(k));
        if (unknown is not null)
        {
            throw new CommunityOpsException(Errors.Located(source, Errors.UnknownKey(where, unknown)));
        }
    }

    private static string? Text(JsonElement element, string property, string source, string field) =>
        !element.TryGetProperty(property, out var value) ? null
        : value.ValueKind == JsonValueKind.String ? value.GetString()
        : throw new CommunityOpsException(Errors.Located(source, Errors.MustBeString(field)));

    private static int? Int(JsonElement element, string property, string source, string field) =>
        !element.TryGetProperty(property, out var value) ? null
        : value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n) ? n
        : throw new CommunityOpsException(Errors.Located(source, Errors.MustBeWholeNumber(field)));
}
