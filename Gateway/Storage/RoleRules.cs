namespace Gateway.Storage;

/// <summary>Role names are 1 to 32 characters of <c>a-z 0-9 _ -</c>; <c>admin</c> administers the gateway.</summary>
internal static class RoleRules
{
    public const string Admin = "admin";
    public const int MaxLength = 32;
    public const int MaxRoles = 32;

    public static string? Problem(string? role)
    {
        if (string.IsNullOrEmpty(role) || role.Length > MaxLength)
        {
            return $"Role names are 1 to {MaxLength} characters long.";
        }

        return role.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_' or '-')
            ? null
            : $"The role \"{role}\" may contain only lower-case letters, digits, _ and -.";
    }

    /// <summary>The first problem with the list, or null when every name is valid.</summary>
    public static string? Problem(IEnumerable<string?>? roles)
    {
        if (roles is null)
        {
            return "Give a list of roles (it may be empty).";
        }

        var list = roles.ToList();
        if (list.Count > MaxRoles)
        {
            return $"A user has at most {MaxRoles} roles.";
        }

        return list.Select(Problem).FirstOrDefault(problem => problem is not null);
    }

    /// <summary>Sorted and without duplicates, so equal sets compare and store equal.</summary>
    public static IReadOnlyList<string> Normalize(IEnumerable<string> roles) =>
        [.. roles.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    /// <summary>The stored form: names joined by commas (a name never holds one).</summary>
    public static string Join(IEnumerable<string> roles) => string.Join(',', roles);

    public static IReadOnlyList<string> Split(string stored) =>
        stored.Length == 0 ? [] : stored.Split(',');
}
