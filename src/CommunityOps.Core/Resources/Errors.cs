using System.Resources;

namespace CommunityOps.Resources;

/// <summary>
/// Core's user-facing messages, from Errors.resx (English) and Errors.zh-Hans.resx (简体中文): one method
/// per message, named as its key, taking the message's values. A throw site cannot name a key that does
/// not exist or leave out a value, and a parameter typed <see cref="ErrorText"/> is prose that is
/// translated too. ErrorResourceSpecs holds the two files and these methods together.
/// </summary>
internal static partial class Errors
{
    private static readonly ResourceManager Resources = new("CommunityOps.Resources.Errors", typeof(Errors).Assembly);

    private static ErrorText T(string key, params object?[] values) => new(Resources, key, values);

    internal static string BaseName => Resources.BaseName;

    /// <summary>A text read back from its stored form (<see cref="ErrorText.FromJson"/>).</summary>
    internal static ErrorText Stored(string key, object?[] values) => T(key, values);

    // Structure: where a problem is, and lists.
    public static ErrorText At(string file, long line, ErrorText what) => line > 0 ? T(nameof(At), file, line, what) : Located(file, what);

    public static ErrorText Located(object where, object what) => T(nameof(Located), where, what);

    public static ErrorText ListSeparator() => T(nameof(ListSeparator));

    // Storage
    public static ErrorText StoreCannotOpen(string store, string reason) => T(nameof(StoreCannotOpen), store, reason);

    // Accounts
    public static ErrorText ApiKeyName() => T(nameof(ApiKeyName));

    public static ErrorText NoUser(string email) => T(nameof(NoUser), email);

    public static ErrorText NotEmail(string email) => T(nameof(NotEmail), email);

    public static ErrorText NotWorkspaceName(string name) => T(nameof(NotWorkspaceName), name);

    /// <summary><paramref name="what"/>: <see cref="ThePassword"/>, <see cref="TheNewPassword"/>, or an environment variable's name.</summary>
    public static ErrorText PasswordTooShort(object what, int minimum) => T(nameof(PasswordTooShort), what, minimum);

    public static ErrorText ThePassword() => T(nameof(ThePassword));

    public static ErrorText TheNewPassword() => T(nameof(TheNewPassword));

    public static ErrorText UnknownRole(string name, string known) => T(nameof(UnknownRole), name, known);

    // Members
    public static ErrorText TagNeedsName() => T(nameof(TagNeedsName));

    public static ErrorText TagNameTooLong(int maximum) => T(nameof(TagNameTooLong), maximum);

    public static ErrorText TagNameCharacters() => T(nameof(TagNameCharacters));

    public static ErrorText TagNotCreated(string name) => T(nameof(TagNotCreated), name);

    // Workspaces and communities, named by the user
    public static ErrorText NoWorkspaceNamed(string workspace) => T(nameof(NoWorkspaceNamed), workspace);

    public static ErrorText NoWorkspaceWithCommunities(string workspace) => T(nameof(NoWorkspaceWithCommunities), workspace);

    public static ErrorText NoCommunityWithId(long id) => T(nameof(NoCommunityWithId), id);

    public static ErrorText NoMemberWithId(long id) => T(nameof(NoMemberWithId), id);

    public static ErrorText MemberNotStaff(long id) => T(nameof(MemberNotStaff), id);

    public static ErrorText NoCommunityWithIdInWorkspace(long id, string workspace) => T(nameof(NoCommunityWithIdInWorkspace), id, workspace);

    public static ErrorText NoCommunityNamed(string community) => T(nameof(NoCommunityNamed), community);

    public static ErrorText NoCommunityNamedInWorkspace(string community, string workspace) => T(nameof(NoCommunityNamedInWorkspace), community, workspace);

    public static ErrorText SeveralCommunitiesNamed(string community) => T(nameof(SeveralCommunitiesNamed), community);

    public static ErrorText NoCommunityListed(string community) => T(nameof(NoCommunityListed), community);

    public static ErrorText SeveralCommunitiesWithIds(string community, string ids) => T(nameof(SeveralCommunitiesWithIds), community, ids);

    // Analytics
    public static ErrorText FromAfterTo(string from, string to) => T(nameof(FromAfterTo), from, to);

    public static ErrorText RangeTooLong(string from, string to) => T(nameof(RangeTooLong), from, to);

    public static ErrorText LayerThresholds(int newDays, int activeDays, int casualDays, int coreDays, int coreSharePercent) =>
        T(nameof(LayerThresholds), newDays, activeDays, casualDays, coreDays, coreSharePercent);
}
