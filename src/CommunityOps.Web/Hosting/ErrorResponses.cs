using System.Globalization;
using System.Text.RegularExpressions;
using CommunityOps.Web.Dashboard.Shared;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CommunityOps.Web.Hosting;

/// <summary>
/// Every error leaves as ProblemDetails for API clients and as a page for people: user-facing errors
/// (<see cref="CommunityOpsException"/> in the request's language, bad requests, anti-forgery) with their message, anything else
/// as a bare 500 whose details stay in the log.
/// </summary>
internal sealed partial class ErrorResponses(ILogger<ErrorResponses> log) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancellationToken)
    {
        // The request's language, chosen by the localization middleware that runs before this handler.
        var culture = CultureInfo.CurrentUICulture;
        if (exception is FieldException field)
        {
            await WriteAsync(http, StatusCodes.Status400BadRequest, field.Localized(culture), new() { [field.Field] = [field.Problem.Format(culture)] });
            return true;
        }
        if (exception is BadHttpRequestException { StatusCode: 400 } binding && BindingFailure().Match(binding.Message) is { Success: true } match)
        {
            // 'Failed to bind parameter "int page" from "x".': name the parameter the way the client sent it.
            await WriteAsync(http, StatusCodes.Status400BadRequest, binding.Message, new() { [match.Groups[1].Value] = [binding.Message] });
            return true;
        }
        var (status, detail) = exception switch
        {
            AntiforgeryValidationException => (StatusCodes.Status400BadRequest, AntiforgeryMessage),
            BadHttpRequestException { InnerException: AntiforgeryValidationException } => (StatusCodes.Status400BadRequest, AntiforgeryMessage),
            BadHttpRequestException bad => (bad.StatusCode, bad.Message),
            CommunityOpsException user => (StatusCodes.Status400BadRequest, user.Localized(culture)),
            _ => (StatusCodes.Status500InternalServerError, null),
        };
        if (status == StatusCodes.Status500InternalServerError)
        {
            // A handled exception is not logged by the framework: this is the one place a fault leaves a trace.
            log.LogError(exception, "Unhandled exception on {Method} {Path}", http.Request.Method, http.Request.Path);
        }
        await WriteAsync(http, status, detail);
        return true;
    }

    public const string AntiforgeryMessage = "the anti-forgery token is missing or invalid: reload the page and try again";

    public static Task WriteStatusCodePageAsync(StatusCodeContext context) =>
        WriteAsync(context.HttpContext, context.HttpContext.Response.StatusCode, null);

    [GeneratedRegex("""parameter "(?:[^"]* )?([A-Za-z_]\w*)"\s""")]
    private static partial Regex BindingFailure();

    public static async Task WriteAsync(HttpContext http, int status, string? detail, Dictionary<string, string[]>? errors = null)
    {
        if (http.Response.HasStarted)
        {
            return;
        }
        http.Response.StatusCode = status;
        if (WantsHtml(http.Request))
        {
            PageContext.Prepare(http);
            await new RazorComponentResult<ErrorPage>(new { Status = status, Detail = detail, Field = errors?.Keys.FirstOrDefault() }) { StatusCode = status }.ExecuteAsync(http);
            return;
        }
        var problems = http.RequestServices.GetRequiredService<IProblemDetailsService>();
        var problem = errors is null
            ? new Microsoft.AspNetCore.Mvc.ProblemDetails { Status = status, Detail = detail }
            : new HttpValidationProblemDetails(errors) { Status = status, Detail = detail };
        var written = await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem });
        if (!written && detail is not null)
        {
            http.Response.ContentType = "text/plain; charset=utf-8";
            await http.Response.WriteAsync(detail);
        }
    }

    /// <summary>A person's browser asking for a page, as opposed to an API client or a script's fetch.</summary>
    public static bool WantsHtml(HttpRequest request) =>
        !request.Path.StartsWithSegments("/api") && !request.Path.StartsWithSegments("/openapi") && !request.Path.StartsWithSegments("/healthz")
        && request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase);

    public static ProblemHttpResult Problem(int status, string? detail = null) => TypedResults.Problem(statusCode: status, detail: detail);

    public static ProblemHttpResult NotFound() => Problem(StatusCodes.Status404NotFound, "no such resource, or not yours to see");
}
