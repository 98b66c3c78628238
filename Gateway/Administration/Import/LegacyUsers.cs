using Gateway.Accounts;
using Gateway.Storage;

namespace Gateway.Administration.Import;

/// <summary>
/// Checks each record of an export against the gateway's rules (<see cref="UsernameRules"/>, <see cref="DisplayNameRules"/>,
/// <see cref="RoleRules"/>, <see cref="LegacyDigest"/>). Messages name fields and usernames, never a digest.
/// </summary>
internal static class LegacyUsers
{
    private static readonly char[] RoleSeparators = [',', ';'];

    public static (IReadOnlyList<LegacyUser> Users, IReadOnlyList<LegacyRejection> Rejected) Check(
        IEnumerable<LegacyRecord> records, LegacyFields fields)
    {
        var users = new List<LegacyUser>();
        var rejected = new List<LegacyRejection>();
        var lines = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var record in records)
        {
            LegacyUser? user = null;
            var outcome = record.Problem ?? Problem(record, fields, out user);
            if (outcome is not null)
            {
                rejected.Add(new LegacyRejection(record.Line, outcome));
            }
            else if (lines.TryGetValue(UsernameRules.Normalize(user!.Username), out var first))
            {
                rejected.Add(new LegacyRejection(record.Line, $"the username '{user.Username}' is also on line {first}."));
            }
            else
            {
                lines[UsernameRules.Normalize(user.Username)] = record.Line;
                users.Add(user);
            }
        }

        return (users, rejected);
    }

    private static string? Problem(LegacyRecord record, LegacyFields fields, out LegacyUser? user)
    {
        user = null;
        if (record[fields.Username] is not LegacyValue.Text { Value: var username })
        {
            return $"no username in the field '{fields.Username}' (choose another with --username-field).";
        }

        if (UsernameRules.Problem(username) is { } usernameProblem)
        {
            return $"the username '{Printable(username)}' is refused: {usernameProblem}";
        }

        if (record[fields.Password] is not LegacyValue.Text { Value: var text } || LegacyDigest.Normalize(text) is not { } digest)
        {
            return $"the field '{fields.Password}' of {username} is not a SHA-256 digest (64 hexadecimal characters).";
        }

        var displayName = record[fields.DisplayName] is LegacyValue.Text { Value: var name } && name.Trim().Length > 0
            ? name.Trim()
            : username;
        if (DisplayNameRules.Problem(displayName) is { } displayNameProblem)
        {
            return $"the display name of {username} is refused: {displayNameProblem}";
        }

        if (!TryRoles(fields.Role is null ? LegacyValue.Missing : record[fields.Role], out var roles))
        {
            return $"the field '{fields.Role}' of {username} is neither true/false nor a list of roles.";
        }

        if (RoleRules.Problem(roles) is { } rolesProblem)
        {
            return $"the roles of {username} are refused: {rolesProblem}";
        }

        user = new LegacyUser(record.Line, username, digest, displayName, RoleRules.Normalize(roles));
        return null;
    }

    private static bool TryRoles(LegacyValue value, out IReadOnlyList<string> roles)
    {
        roles = [];
        switch (value)
        {
            case LegacyValue.Absent:
            case LegacyValue.Flag { Value: false }:
            case LegacyValue.Text { Value: "0" or "false" or "False" or "FALSE" }:
                return true;
            case LegacyValue.Flag { Value: true }:
            case LegacyValue.Text { Value: "1" or "true" or "True" or "TRUE" }:
                roles = [RoleRules.Admin];
                return true;
            case LegacyValue.Text { Value: var list }:
                roles = list.Split(RoleSeparators, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
                return true;
            case LegacyValue.Items { Values: var items } when items.All(item => item is LegacyValue.Text):
                roles = [.. items.Cast<LegacyValue.Text>().Select(item => item.Value.Trim())];
                return true;
            default:
                return false;
        }
    }

    // A refused username is quoted back so it can be found in the export; control characters would garble the terminal.
    private static string Printable(string text) =>
        new([.. text.Take(UsernameRules.MaxLength).Select(c => char.IsControl(c) ? '?' : c)]);
}
