using CommunityOps.Resources;

namespace CommunityOps.Accounts;

/// <summary>
/// What a user or API key may do inside one workspace. The matrix is written out in docs/security.md;
/// <see cref="Roles.Allows"/> is the single place that enforces it.
/// </summary>
public enum Role
{
    Viewer = 1,
    Inspector = 2,
    Operator = 3,
    Manager = 4,
    Admin = 5,
}

[Flags]
public enum Permission
{
    None = 0,

    /// <summary>Communities, their totals and metrics, the overview: aggregates without member identities.</summary>
    ViewCommunities = 1,

    /// <summary>Member lists, profiles and activity timelines (who did what, when).</summary>
    ViewMembers = 2,

    /// <summary>The text of chat messages.</summary>
    ViewMessages = 4,

    /// <summary>Upload exports and follow imports.</summary>
    Import = 8,

    /// <summary>Create, list and revoke the workspace's API keys (up to the manager role).</summary>
    ManageApiKeys = 16,

    /// <summary>Add users to the workspace, change their roles, create admin keys.</summary>
    ManageUsers = 32,

    /// <summary>Inspection: confirm and dismiss findings, plan and score spot checks, decide appeals, re-scan communities.</summary>
    Review = 64,

    /// <summary>Edit the workspace's inspection rule set.</summary>
    EditRules = 128,

    /// <summary>Appeal a spot check of one's own conversations (the account must be linked to the operator).</summary>
    Appeal = 256,

    /// <summary>Put tags on members and take them off (creating a tag by using its name).</summary>
    TagMembers = 1024,

    /// <summary>Delete a tag from the workspace, and so from every member that has it.</summary>
    ManageTags = 2048,
}

public static class Roles
{
    public static IReadOnlyList<Role> All { get; } = Enum.GetValues<Role>();

    public static Permission PermissionsOf(Role role) => role switch
    {
        Role.Viewer => Permission.ViewCommunities,
        // An inspector reviews content for rule breaking: it reads everything and changes nothing but the
        // inspection's own records (findings' reviews, spot checks).
        Role.Inspector => Permission.ViewCommunities | Permission.ViewMembers | Permission.ViewMessages | Permission.Review,
        // Tagging members is day-to-day community work; removing a tag everywhere is a manager's call.
        Role.Operator => Permission.ViewCommunities | Permission.ViewMembers | Permission.ViewMessages | Permission.Import | Permission.TagMembers
            | Permission.Appeal,
        Role.Manager => Permission.ViewCommunities | Permission.ViewMembers | Permission.ViewMessages | Permission.Import | Permission.ManageApiKeys
            | Permission.TagMembers | Permission.ManageTags | Permission.Review | Permission.EditRules | Permission.Appeal,
        Role.Admin => Permission.ViewCommunities | Permission.ViewMembers | Permission.ViewMessages | Permission.Import | Permission.ManageApiKeys | Permission.ManageUsers
            | Permission.TagMembers | Permission.ManageTags | Permission.Review | Permission.EditRules | Permission.Appeal,
        _ => Permission.None,
    };

    public static bool Allows(this Role role, Permission permission) => (PermissionsOf(role) & permission) == permission;

    /// <summary>The stored and printed name: lower-case, part of the schema and of the CLI.</summary>
    public static string Name(this Role role) => role switch
    {
        Role.Viewer => "viewer",
        Role.Inspector => "inspector",
        Role.Operator => "operator",
        Role.Manager => "manager",
        Role.Admin => "admin",
        _ => throw new ArgumentOutOfRangeException(nameof(role)),
    };

    public static bool TryParse(string? name, out Role role)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(candidate.Name(), name?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                role = candidate;
                return true;
            }
        }
        role = default;
        return false;
    }

    public static Role Parse(string name) => TryParse(name, out var role)
        ? role
        : throw new CommunityOpsException(Errors.UnknownRole(name, string.Join(", ", All.Select(r => r.Name()))));
}
