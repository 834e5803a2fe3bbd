using CommunityOps.Inspection;
using CommunityOps.Inspection.RuleSets;

namespace CommunityOps.Tests.Inspection;

/// <summary>Small builders so each spec states only what matters to it.</summary>
internal static class InspectionTestKit
{
    public static readonly DateTimeOffset Monday9am = new(2026, 11, 16, 9, 0, 0, TimeSpan.FromHours(8));

    private static readonly Lazy<Inspector> DefaultInspector = new(() => Inspector.Create(RuleSet.Default, SharedDatasets.Path()));

    public static Inspector Default => DefaultInspector.Value;

    public static Inspector Compile(string rulesJson) =>
        Inspector.Create(RuleSetParser.Parse("{\"name\":\"test\",\"version\":\"7\",\"rules\":[" + rulesJson + "]}", "test.json", baseDirectory: null), SharedDatasets.Path());

    public static InspectedMessage Message(string text, string member = "u1", string community = "c1", DateTimeOffset? time = null,
        bool staff = false, string? channel = null, string id = "m1", int mentions = 0) =>
        new(id, community, channel, member, staff, time ?? Monday9am, text, mentions);

    public static List<Finding> Run(this Inspector inspector, params InspectedMessage[] messages) => [.. inspector.Inspect(messages)];
}
