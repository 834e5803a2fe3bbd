using System.CommandLine;
using CommunityOps.Accounts;

namespace CommunityOps.Cli.Commands;

internal static class ApiKeysCommand
{
    public static Command Create(CommandContext context)
    {
        var role = new Option<string>("--role") { Description = CliText.Get("RoleOption"), DefaultValueFactory = _ => "viewer" };
        var workspace = new Option<string>("--workspace") { Description = CliText.Get("WorkspaceOption"), DefaultValueFactory = _ => "default" };
        var name = new Option<string?>("--name") { Description = CliText.Get("ApiKeyName") };
        var create = new Command("create", CliText.Get("ApiKeysCreateDescription")) { role, workspace, name };
        create.SetAction(async (parse, ct) =>
        {
            await using var store = await context.OpenStoreAsync(parse, ct);
            var key = await new ApiKeyService(store).CreateAsync(parse.GetValue(workspace)!, Roles.Parse(parse.GetValue(role)!), parse.GetValue(name), null, ct);
            // The secret alone on stdout, so scripts can capture it; it is stored hashed and never shown again.
            await context.Out.WriteLineAsync(key.Secret);
            await context.Err.WriteLineAsync(CliText.Get("ApiKeyShownOnce"));
            return 0;
        });
        var command = new Command("apikeys", CliText.Get("ApiKeysDescription"));
        command.Subcommands.Add(create);
        return command;
    }
}
