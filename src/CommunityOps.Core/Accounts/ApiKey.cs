namespace CommunityOps.Accounts;

/// <summary>
/// A key for automation, bound to one workspace and one role. Only a SHA-256 of the secret is stored;
/// <see cref="Prefix"/> (printed inside the key) finds the row without scanning.
/// </summary>
public sealed class ApiKey
{
    public long Id { get; set; }
    public long WorkspaceId { get; set; }
    public required string Name { get; set; }
    public required string Prefix { get; set; }
    public required string KeyHash { get; set; }
    public Role Role { get; set; }
    public long? CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }

    public bool IsRevoked => RevokedAt is not null;
}

/// <summary>Data Protection's key ring, kept in the store so that several server instances share cookies.</summary>
public sealed class DataProtectionKey
{
    public long Id { get; set; }
    public string? FriendlyName { get; set; }
    public required string Xml { get; set; }
}
