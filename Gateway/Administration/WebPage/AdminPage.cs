using System.Globalization;

using Gateway.Pages;

namespace Gateway.Administration.WebPage;

/// <summary>The admin page: one page of users (search and paging), the action forms of each, and the recent audit events.</summary>
internal sealed record AdminPage(string AdminPath, IReadOnlyList<AdminUserRow> Users, IReadOnlyList<AdminAuditRow> Events) : PageModel
{
    public override Page Page => Page.Admin;

    /// <summary>The search text, shown again in the search box.</summary>
    public string Query { get; init; } = "";

    /// <summary>"Users 1 to 50 of 120", or why the list is empty.</summary>
    public string Summary { get; init; } = "";

    /// <summary>
    /// This listing's query string (<c>?query=..&amp;page=..</c>, or empty): the action forms post with it, so the answer
    /// comes back to the same search and page.
    /// </summary>
    public string ListQuery { get; init; } = "";

    public string? PreviousPageUrl { get; init; }

    public string? NextPageUrl { get; init; }

    public string? Notice { get; init; }

    public string? Error { get; init; }

    // The page script rewrites these in the reader's time zone; without scripts they stay in UTC.
    public static string TimeText(DateTimeOffset at) => at.UtcDateTime.ToString("d MMM yyyy, HH:mm 'UTC'", CultureInfo.InvariantCulture);

    public static string TimeIso(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}

/// <summary>One user in the list, with what its action forms need.</summary>
/// <param name="DisplayName">As shown: each invisible character written as its code point (<c>[U+202E]</c>).</param>
/// <param name="Roles">The roles separated by commas, as the roles field shows and takes them.</param>
/// <param name="IsSelf">The signed-in admin: no disable or delete forms (the gateway refuses both anyway).</param>
internal sealed record AdminUserRow(
    string Id,
    string Username,
    string DisplayName,
    string Roles,
    bool Disabled,
    bool IsSelf,
    string CreatedAt,
    string CreatedAtIso,
    string? LastLoginAt,
    string? LastLoginAtIso)
{
    /// <summary>The action forms start open for the user an action was just refused for, next to the message.</summary>
    public bool Open { get; init; }

    /// <summary>The signed-in admin has two-step sign-in on: changing their own credentials asks for a code too.</summary>
    public bool AskCode { get; init; }

    /// <summary>The stored display name holds invisible characters, which <see cref="DisplayName"/> shows as code points.</summary>
    public bool DisplayNameHidesCharacters { get; init; }

    public string RolesShown => Roles.Length == 0 ? "none" : Roles;
}

/// <summary>One audit event: who (by username while the account exists) did what to whom, from where.</summary>
internal sealed record AdminAuditRow(string At, string AtIso, string Event, string Actor, string Target, string Address, string Detail);
