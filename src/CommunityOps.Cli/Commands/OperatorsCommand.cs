using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using CommunityOps.Inspection.SpotChecks;

namespace CommunityOps.Cli.Commands;

/// <summary>
/// `operators list|link|unlink`: which dashboard account is which operator, the CLI twin of the Operators
/// page. The CLI has the store itself, so like `users add` it may link in any workspace; the service still
/// keeps every link inside the operator's own workspace and audit-logs it under `--by`.
/// </summary>
internal static class OperatorsCommand
{
    public static Command Create(CommandContext context)
    {
        var command = new Command("operators", CliText.Get("OperatorsDescription"));
        command.Subcommands.Add(List(context));
        command.Subcommands.Add(Link(context));
        command.Subcommands.Add(Unlink(context));
        return command;
    }

    private static Command List(CommandContext context)
    {
        var workspace = new Option<string>("--workspace") { Description = CliText.Get("WorkspaceExistingOption"), DefaultValueFactory = _ => "default" };
        var search = new Option<string?>("--search") { Description = CliText.Get("OperatorsSearchOption") };
        var unlinked = new Option<bool>("--unlinked") { Description = CliText.Get("OperatorsUnlinkedOption") };
        var json = new Option<bool>("--json") { Description = CliText.Get("JsonOption") };
        var list = new Command("list", CliText.Get("OperatorsListDescription")) { workspace, search, unlinked, json };
        list.SetAction(async (parse, ct) =>
        {
            await using var store = await context.OpenStoreAsync(parse, ct);
            var name = parse.GetValue(workspace)!;
            var workspaceId = await RuleOptions.WorkspaceIdAsync(store, name, ct) ?? throw new CommunityOpsException(CliText.Error("NoWorkspace", name));
            var service = new OperatorLinkService(store);
            var operators = new List<OperatorView>();
            // Every page: a terminal or a script wants the whole list, not the page's 50.
            for (var page = 1; ; page++)
            {
                var filter = new OperatorFilter(parse.GetValue(search), IsLinked: parse.GetValue(unlinked) ? false : null, Page: page, PageSize: OperatorFilter.MaxPageSize);
                var batch = await service.ListAsync(workspaceId, filter, ct);
                operators.AddRange(batch.Items);
                if (batch.Items.Count < OperatorFilter.MaxPageSize)
                {
                    break;
                }
            }
            if (parse.GetValue(json))
            {
                await context.Out.WriteLineAsync(JsonSerializer.Serialize(new { operators }, CliJson.Options));
                return 0;
            }
            foreach (var o in operators)
            {
                var account = o.Link?.Email ?? CliText.Get("OperatorsNoAccount");
                await context.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{o.MemberId}\t{OneLine(o.DisplayName)}\t{OneLine(o.Community)}\t{o.Platform}\t{o.Messages}\t{account}"));
            }
            await context.Err.WriteLineAsync(CliText.Format("OperatorsCount", operators.Count, operators.Count(o => o.Link is not null)));
            return 0;
        });
        return list;
    }

    private static Command Link(CommandContext context)
    {
        var member = new Argument<long>("member") { Description = CliText.Get("OperatorsMemberArgument") };
        var email = new Option<string>("--email") { Description = CliText.Get("OperatorsEmailOption"), Required = true };
        var by = new Option<string>("--by") { Description = CliText.Get("ByOption"), Required = true };
        var link = new Command("link", CliText.Get("OperatorsLinkDescription")) { member, email, by };
        link.SetAction(async (parse, ct) =>
        {
            await using var store = await context.OpenStoreAsync(parse, ct);
            var (id, address) = (parse.GetValue(member), parse.GetValue(email)!);
            var linked = await new OperatorLinkService(store).LinkAsync(id, address, parse.GetValue(by)!, ct)
                ?? throw new CommunityOpsException(CliText.Error("OperatorsNoSuchAccount", address.Trim()));
            await context.Out.WriteLineAsync(CliText.Format("OperatorsLinked", id, linked.Email));
            return 0;
        });
        return link;
    }

    private static Command Unlink(CommandContext context)
    {
        var member = new Argument<long>("member") { Description = CliText.Get("OperatorsMemberArgument") };
        var by = new Option<string>("--by") { Description = CliText.Get("ByOption"), Required = true };
        var unlink = new Command("unlink", CliText.Get("OperatorsUnlinkDescription")) { member, by };
        unlink.SetAction(async (parse, ct) =>
        {
            await using var store = await context.OpenStoreAsync(parse, ct);
            var id = parse.GetValue(member);
            // Like the page: unlinking what has no link leaves the state asked for, so it is not an error.
            var removed = await new OperatorLinkService(store).UnlinkAsync(id, parse.GetValue(by)!, ct);
            await context.Out.WriteLineAsync(CliText.Format(removed ? "OperatorsUnlinked" : "OperatorsWasNotLinked", id));
            return 0;
        });
        return unlink;
    }

    // Display names come from chat: a newline in one must not start a fake row, nor a tab a fake column.
    private static string OneLine(string text) => text.ReplaceLineEndings(" ").Replace('\t', ' ');
}
