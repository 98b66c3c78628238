using Gateway.Storage;

namespace Gateway.Administration;

/// <summary>A user as the admin API shows it: everything but the password hash and the token cut-off.</summary>
internal sealed record AdminUserJson(
    string Id,
    string Username,
    string DisplayName,
    IReadOnlyList<string> Roles,
    bool Disabled,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LastLoginAt)
{
    public static AdminUserJson Of(User user) =>
        new(user.Id, user.Username, user.DisplayName, user.Roles, user.Disabled, user.CreatedAt, user.LastLoginAt);
}
