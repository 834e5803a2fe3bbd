using System.ComponentModel.DataAnnotations;

namespace CommunityOps.Web.Hosting;

/// <summary>The "Web" configuration section, bound once and validated when the host starts.</summary>
public sealed class WebOptions
{
    public const string Section = "Web";

    /// <summary>Largest upload accepted by POST /api/imports (all files together); larger gets 413.</summary>
    [Range(1024, long.MaxValue)]
    public long MaxUploadBytes { get; set; } = 2L << 30;

    /// <summary>Sign-in attempts allowed per client address per minute.</summary>
    [Range(1, 10_000)]
    public int LoginAttemptsPerMinute { get; set; } = 10;

    /// <summary>Where uploads wait for their import; the system temp folder when empty.</summary>
    public string? UploadFolder { get; set; }

    /// <summary>
    /// Send cookies only over HTTPS. Off by default because `serve` listens on plain HTTP on loopback;
    /// turn it on behind a TLS proxy (with <see cref="TrustForwardedHeaders"/>).
    /// </summary>
    public bool SecureCookiesOnly { get; set; }

    /// <summary>Honour X-Forwarded-For/-Proto from a reverse proxy (for rate limiting and cookie security).</summary>
    public bool TrustForwardedHeaders { get; set; }

    /// <summary>How long a sign-in lasts without activity.</summary>
    [Range(typeof(TimeSpan), "00:05:00", "90.00:00:00")]
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(12);
}
