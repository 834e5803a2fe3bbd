using System.CommandLine;
using CommunityOps.Web;
using Microsoft.Extensions.Hosting;

namespace CommunityOps.Cli.Commands;

internal static class ServeCommand
{
    public static Command Create(CommandContext context)
    {
        var urls = new Option<string?>("--urls") { Description = CliText.Get("ServeUrls") };
        var demo = new Option<bool>("--demo") { Description = CliText.Get("ServeDemo") };
        var command = new Command("serve", CliText.Get("ServeDescription")) { urls, demo };
        command.SetAction(async (parse, ct) =>
        {
            var app = await WebApp.BuildAsync(new WebAppOptions
            {
                Db = parse.GetValue(context.Globals.Db),
                Urls = parse.GetValue(urls),
                Output = context.Out,
                // Only on an empty store: --demo gives a newcomer a populated dashboard, never invented data among real communities.
                Demo = parse.GetValue(demo),
            }, ct);
            await using (app)
            {
                await app.StartAsync(ct);
                foreach (var address in app.Urls)
                {
                    await context.Out.WriteLineAsync(CliText.Format("ServeListening", address));
                }
                await app.WaitForShutdownAsync(ct);
            }
            return 0;
        });
        return command;
    }
}
