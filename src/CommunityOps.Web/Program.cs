using CommunityOps.Web;

// `dotnet run` on this project; `communityops serve` calls the same WebApp.BuildAsync.
var app = await WebApp.BuildAsync(new WebAppOptions { Args = args });
await app.RunAsync();
