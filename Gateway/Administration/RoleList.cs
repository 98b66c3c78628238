namespace Gateway.Administration;

/// <summary>Roles as the command line writes them: <c>admin,editor</c>; an empty string is no roles.</summary>
internal static class RoleList
{
    public static IReadOnlyList<string> Parse(string text) =>
        text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    public static string Describe(IReadOnlyList<string> roles) =>
        roles.Count == 0 ? "no roles" : (roles.Count == 1 ? "role " : "roles ") + string.Join(',', roles);
}
