using System.CommandLine;
using System.Text.Json;
using CommunityOps.Communities;
using Spectre.Console;

namespace CommunityOps.Cli.Commands;

internal static class CommunitiesCommand
{
    public static Command Create(CommandContext context)
    {
        var workspace = new Option<string?>("--workspace") { Description = CliText.Get("WorkspaceOption") };
        var json = new Option<bool>("--json") { Description = CliText.Get("JsonOption") };
        var command = new Command("communities", CliText.Get("CommunitiesDescription")) { workspace, json };
        command.SetAction(async (parse, ct) =>
        {
            await using var store = await context.OpenStoreAsync(parse, ct);
            var list = await new CommunityDirectory(store).ListAsync(parse.GetValue(workspace), ct);
            if (parse.GetValue(json))
            {
                await context.Out.WriteLineAsync(JsonSerializer.Serialize(list, CliJson.Options));
                return 0;
            }
            if (list.Count == 0)
            {
                await context.Out.WriteLineAsync(CliText.Get("NoCommunities"));
                return 0;
            }
            var table = new Table().AddColumns(CliText.Get("ColWorkspace"), CliText.Get("ColCommunity"), CliText.Get("ColPlatform"),
                CliText.Get("ColMembers"), CliText.Get("ColMessages"), CliText.Get("ColJoins"), CliText.Get("ColLeaves"),
                CliText.Get("ColFirst"), CliText.Get("ColLast"));
            foreach (var c in list)
            {
                table.AddRow(Markup.Escape(c.Workspace), Markup.Escape(c.Name), c.Platform, N(c.Members), N(c.Messages), N(c.Joins), N(c.Leaves),
                    Date(c.FirstActivity), Date(c.LastActivity));
            }
            var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(context.Out), Ansi = context.IsTerminal ? AnsiSupport.Detect : AnsiSupport.No });
            if (!context.IsTerminal)
            {
                console.Profile.Width = 240;
            }
            console.Write(table);
            return 0;
        });
        return command;
    }

    private static string N(long value) => value.ToString("N0", CliText.Culture);

    private static string Date(DateTimeOffset? value) => value?.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CliText.Culture) ?? "-";
}
