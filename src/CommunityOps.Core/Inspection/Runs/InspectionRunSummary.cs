using System.Text.Json.Serialization;

namespace CommunityOps.Inspection.Runs;

/// <summary>What one pass or re-scan did. The JSON shape is what `inspect --community ... --json` prints.</summary>
public sealed class InspectionRunSummary
{
    [JsonPropertyName("rule_set")] public string RuleSet { get; set; } = "";
    [JsonPropertyName("messages")] public long Messages { get; set; }
    [JsonPropertyName("joins")] public long Joins { get; set; }

    /// <summary>New findings stored by this run.</summary>
    [JsonPropertyName("findings")] public int Findings { get; set; }

    /// <summary>Open findings whose content a newer rule version (or a higher reply-timeout tier) replaced.</summary>
    [JsonPropertyName("updated")] public int Updated { get; set; }

    /// <summary>Findings found again exactly as stored.</summary>
    [JsonPropertyName("unchanged")] public int Unchanged { get; set; }

    /// <summary>Reviewed findings left as the reviewer decided although a newer rule version saw the message again.</summary>
    [JsonPropertyName("kept")] public int Kept { get; set; }

    /// <summary>Open findings of an older rule version that the re-scan's version no longer raises, deleted (audit-logged).</summary>
    [JsonPropertyName("withdrawn")] public int Withdrawn { get; set; }

    /// <summary>New findings per category.</summary>
    [JsonPropertyName("categories")] public SortedDictionary<string, int> Categories { get; set; } = new(StringComparer.Ordinal);

    /// <summary>After a pending pass: every activity with id up to this has been inspected.</summary>
    [JsonPropertyName("watermark")] public long? Watermark { get; set; }

    /// <summary>False when the pass stopped at its message budget; the next pass resumes where it stopped.</summary>
    [JsonPropertyName("complete")] public bool IsComplete { get; set; } = true;

    internal void Count(string category)
    {
        Findings++;
        Categories[category] = Categories.GetValueOrDefault(category) + 1;
    }
}
