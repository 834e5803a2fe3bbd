using CommunityOps.Web;

// `dotnet run` on this project; `communityops serve` calls the same WebApp.BuildAsync.
// --demo is a switch, not a configuration value, so it is taken out before the rest is read as configuration.
var app = await WebApp.BuildAsync(new WebAppOptions { Args = args.Where(a => a != "--demo").ToArray(), Demo = args.Contains("--demo") });
await app.RunAsync();
