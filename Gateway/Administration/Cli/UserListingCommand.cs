using System.Globalization;
using System.Text.Json;

using Gateway.Accounts;
using Gateway.Storage;

namespace Gateway.Administration.Cli;

/// <summary>
/// <c>users list [--json]</c>: every user, by username. <c>--json</c> writes the admin API's shape
/// (<c>{"users":[...],"total":N}</c>) for scripts; otherwise aligned columns for a person.
/// </summary>
internal static class UserListingCommand
{
    public static readonly CliCommand Command = new("list", "[--json]", 0, ["--json"], [], RunAsync);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static async Task<int> RunAsync(CliContext context, CancellationToken cancellationToken)
    {
        var administration = context.Get<UserAdministration>();
        var users = new List<User>();
        for (var page = 0; ; page++)
        {
            var listing = await administration.ListAsync(null, page, cancellationToken);
            users.AddRange(listing.Users);
            if (listing.Users.Count == 0 || users.Count >= listing.Total)
            {
                break;
            }
        }

        if (context.Args.Has("--json"))
        {
            var body = new
            {
                users = users.Select(user => new
                {
                    id = user.Id,
                    username = user.Username,
                    displayName = user.DisplayName,
                    roles = user.Roles,
                    disabled = user.Disabled,
                    createdAt = user.CreatedAt,
                    lastLoginAt = user.LastLoginAt,
                }),
                total = users.Count,
            };
            await context.Out.WriteLineAsync(JsonSerializer.Serialize(body, Json));
            return CliExitCodes.Success;
        }

        string[][] rows =
        [
            ["USERNAME", "DISPLAY NAME", "ROLES", "STATUS", "CREATED", "LAST SIGN-IN"],
            .. users.Select(user => new[]
            {
                user.Username,
                // A terminal applies direction overrides too: a stored "\u202Enimda" is shown as [U+202E]nimda.
                InvisibleCharacters.Reveal(user.DisplayName),
                user.Roles.Count == 0 ? "-" : string.Join(',', user.Roles),
                user.Disabled ? "disabled" : "active",
                Time(user.CreatedAt),
                user.LastLoginAt is { } at ? Time(at) : "never",
            }),
        ];
        var widths = Enumerable.Range(0, rows[0].Length).Select(column => rows.Max(row => row[column].Length)).ToArray();
        foreach (var row in rows)
        {
            await context.Out.WriteLineAsync(string.Join("  ", row.Select((cell, column) => cell.PadRight(widths[column]))).TrimEnd());
        }

        await context.Out.WriteLineAsync($"{users.Count} user{(users.Count == 1 ? "" : "s")}");
        return CliExitCodes.Success;
    }

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
