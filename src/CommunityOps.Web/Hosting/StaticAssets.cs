using Microsoft.Extensions.FileProviders;

namespace CommunityOps.Web.Hosting;

internal static class StaticAssets
{
    // Chat text is hostile input: the policy allows our own scripts only, so markup that slipped
    // through escaping still could not run. ECharts sets styles from script, hence 'unsafe-inline' for styles only.
    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; " +
        "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

    // Set as the response starts: the exception handler clears headers before it writes an error page.
    public static void UseSecurityHeaders(this WebApplication app) => app.Use(async (http, next) =>
    {
        http.Response.OnStarting(() =>
        {
            var headers = http.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "same-origin";
            return Task.CompletedTask;
        });
        await next(http);
    });

    public static void UseEmbeddedStaticFiles(this WebApplication app) => app.UseStaticFiles(new StaticFileOptions
    {
        FileProvider = new ManifestEmbeddedFileProvider(typeof(WebApp).Assembly, "wwwroot"),
        OnPrepareResponse = context =>
        {
            // Third-party bundles change only with an upgrade, which also changes their folder name.
            if (context.Context.Request.Path.StartsWithSegments("/lib"))
            {
                context.Context.Response.Headers.CacheControl = "public, max-age=604800";
            }
        },
    });
}
