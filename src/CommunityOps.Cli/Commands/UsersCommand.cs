using System.CommandLine;
using CommunityOps.Accounts;

namespace CommunityOps.Cli.Commands;

internal static class UsersCommand
{
    public static Command Create(CommandContext context)
    {
        var email = new Option<string>("--email") { Description = CliText.Get("UsersEmail"), Required = true };
        var role = new Option<string>("--role") { Description = CliText.Get("RoleOption"), DefaultValueFactory = _ => "viewer" };
        var workspace = new Option<string>("--workspace") { Description = CliText.Get("WorkspaceOption"), DefaultValueFactory = _ => "default" };
        var add = new Command("add", CliText.Get("UsersAddDescription")) { email, role, workspace };
        add.SetAction(async (parse, ct) =>
        {
            await using var store = await context.OpenStoreAsync(parse, ct);
            // The password comes from the environment, never from an argument that lands in shell history.
            var password = Environment.GetEnvironmentVariable("COMMUNITYOPS_USER_PASSWORD");
            var user = await new AccountService(store).AddUserAsync(parse.GetValue(email)!, Roles.Parse(parse.GetValue(role)!), parse.GetValue(workspace)!, password, ct);
            await context.Out.WriteLineAsync(user.GeneratedPassword is { } generated
                ? CliText.Format("UsersAddedGenerated", user.User.Email, generated)
                : CliText.Format("UsersAdded", user.User.Email));
            return 0;
        });
        var command = new Command("users", CliText.Get("UsersDescription"));
        command.Subcommands.Add(add);
        return command;
    }
}
