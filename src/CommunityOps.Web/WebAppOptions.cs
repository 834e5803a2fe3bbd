using CommunityOps.Storage;

namespace CommunityOps.Web;

/// <summary>What a host (the CLI's `serve`, `dotnet run`, a test) decides before the web app is built.</summary>
public sealed class WebAppOptions
{
    /// <summary>Command-line arguments, read as configuration (--urls, --db, --Web:MaxUploadBytes=...).</summary>
    public string[] Args { get; init; } = [];

    /// <summary>SQLite path or PostgreSQL connection string; otherwise --db, then COMMUNITYOPS_DB, then ./communityops.db.</summary>
    public string? Db { get; init; }

    /// <summary>Where to listen; otherwise --urls / ASPNETCORE_URLS, then <see cref="DefaultUrls"/>.</summary>
    public string? Urls { get; init; }

    /// <summary>The first-start admin's password; otherwise COMMUNITYOPS_ADMIN_PASSWORD, otherwise generated and printed once.</summary>
    public string? AdminPassword { get; init; }

    /// <summary>On a store without any activity, creates the demo workspace before starting (`serve --demo`).</summary>
    public bool Demo { get; init; }

    /// <summary>Runs once the store is open and migrated (after <see cref="Demo"/>), before accounts are checked.</summary>
    public Func<Store, CancellationToken, Task>? BeforeStart { get; init; }

    /// <summary>Where the generated admin password is printed.</summary>
    public TextWriter? Output { get; init; }

    public TimeProvider Time { get; init; } = TimeProvider.System;

    public string? EnvironmentName { get; init; }

    /// <summary>Configuration values that win over every other source (tests use it).</summary>
    public IReadOnlyDictionary<string, string?>? Settings { get; init; }

    public const string DefaultUrls = "http://127.0.0.1:5080";
}
