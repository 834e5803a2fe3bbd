using System.CommandLine;
using CommunityOps.Analytics;

namespace CommunityOps.Cli.Commands;

internal static class MembersCommand
{
    public static Command Create(CommandContext context)
    {
        var community = new Option<string>("--community") { Description = CliText.Get("MetricsCommunityOption"), Required = true };
        var layer = new Option<string?>("--layer") { Description = CliText.Get("LayerOption") };
        var range = new RangeOptions();
        var json = new Option<bool>("--json") { Description = CliText.Get("JsonOption") };
        var command = new Command("members", CliText.Get("MembersDescription")) { community, layer, range.To, range.Tz, json };
        command.SetAction(async (parse, ct) =>
        {
            MemberLayer? wanted = parse.GetValue(layer) switch
            {
                null => null,
                "new" => MemberLayer.New,
                "active" => MemberLayer.Active,
                "casual" => MemberLayer.Casual,
                "silent" => MemberLayer.Silent,
                "churned" => MemberLayer.Churned,
                var other => throw new CommunityOpsException(CliText.Error("BadLayer", other)),
            };
            await using var store = await context.OpenStoreAsync(parse, ct);
            using var analytics = await AnalyticsStore.OpenAsync(store, ct);
            await analytics.SaveAsync(ct);
            var listing = await new MetricsEngine(analytics).MembersAsync(parse.GetValue(community)!, wanted, range.Query(parse), ct);
            if (parse.GetValue(json))
            {
                await context.Out.WriteLineAsync(MetricsJson.Serialize(listing));
                return 0;
            }
            foreach (var m in listing.Members)
            {
                await context.Out.WriteLineAsync($"{m.Name}\t{m.Layer.ToString().ToLowerInvariant()}\t{m.Reason}");
            }
            return 0;
        });
        return command;
    }
}
