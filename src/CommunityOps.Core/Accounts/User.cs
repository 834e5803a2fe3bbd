namespace CommunityOps.Accounts;

/// <summary>A person who signs in to the dashboard. What they may see comes from their memberships.</summary>
public sealed class User
{
    public long Id { get; set; }

    /// <summary>Trimmed and lower-cased, so that sign-in is case-insensitive on both providers.</summary>
    public required string Email { get; set; }

    /// <summary>PBKDF2 in ASP.NET Core Identity's V3 format (see <see cref="PasswordHashing"/>).</summary>
    public required string PasswordHash { get; set; }

    /// <summary>Changes with the password; sign-in cookies carry it, so old cookies stop working.</summary>
    public required string SecurityStamp { get; set; }

    /// <summary>Dashboard language chosen by the user (en or zh-CN); null follows the browser.</summary>
    public string? Language { get; set; }

    /// <summary>The installation's administrator, created on first start: admin in every workspace.</summary>
    public bool IsOwner { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? DisabledAt { get; set; }
}

/// <summary>A user's role in one workspace.</summary>
public sealed class WorkspaceMembership
{
    public long Id { get; set; }
    public long WorkspaceId { get; set; }
    public long UserId { get; set; }
    public Role Role { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
