using System.CommandLine;
using CommunityOps.Ingestion;
using CommunityOps.Ingestion.Demo;

namespace CommunityOps.Cli.Commands;

internal static class DemoCommand
{
    public static Command Create(CommandContext context)
    {
        var communities = new Option<int>("--communities") { Description = CliText.Get("DemoCommunities"), DefaultValueFactory = _ => 12 };
        var days = new Option<int>("--days") { Description = CliText.Get("DemoDays"), DefaultValueFactory = _ => 120 };
        var seed = new Option<int>("--seed") { Description = CliText.Get("DemoSeed"), DefaultValueFactory = _ => 42 };
        var workspace = new Option<string>("--workspace") { Description = CliText.Get("WorkspaceOption"), DefaultValueFactory = _ => "demo" };
        var json = new Option<bool>("--json") { Description = CliText.Get("JsonOption") };
        var command = new Command("demo", CliText.Get("DemoDescription")) { communities, days, seed, workspace, json };
        command.SetAction(async (parse, ct) =>
        {
            await using var store = await context.OpenStoreAsync(parse, ct);
            var options = new DemoOptions(parse.GetValue(communities), parse.GetValue(days), parse.GetValue(seed), parse.GetValue(workspace)!);
            var summary = await Task.Run(() => new DemoGenerator(store.Time).Create(store, options, null, ct), ct);
            if (parse.GetValue(json))
            {
                await context.Out.WriteLineAsync(ImportService.ToJson(summary));
                return 0;
            }
            await context.Out.WriteLineAsync(CliText.Format("DemoDone", options.Workspace, store.Description));
            await context.Out.WriteLineAsync(CliText.Format("ImportCounts", summary.Communities, summary.Members, summary.Messages, summary.Joins,
                summary.Leaves, summary.Reactions, summary.Duplicates));
            return 0;
        });
        return command;
    }
}
