using Gateway.Accounts;
using Gateway.Audit;
using Gateway.Hosting.Options;
using Gateway.Storage;
using Microsoft.Extensions.Options;

namespace Gateway.Administration.WebPage;

/// <summary>Builds the admin page's model: one page of users and the latest audit events, with account ids shown as usernames.</summary>
internal sealed class AdminPageView(
    UserAdministration administration, IUserStore store, ISecondFactorStore secondFactors, AuditTrail audit, IOptions<GatewayOptions> options)
{
    public const int RecentEvents = 20;

    public async Task<AdminPage> BuildAsync(
        AdminListing listing, string signedInId, string? openUserId, CancellationToken cancellationToken)
    {
        var adminPath = options.Value.AdminPath;
        var page = await administration.ListAsync(listing.Query, listing.Page - 1, cancellationToken);
        var selfShown = page.Users.Any(user => user.Id == signedInId);
        var selfEnrolled = selfShown && await secondFactors.FindAsync(signedInId, cancellationToken) is { Enrolled: true };
        var rows = page.Users.Select(user => new AdminUserRow(
            user.Id,
            user.Username,
            // Names stored before invisible characters were refused: shown as code points, so "\u202Enimda" is not "admin".
            InvisibleCharacters.Reveal(user.DisplayName),
            string.Join(", ", user.Roles),
            user.Disabled,
            IsSelf: user.Id == signedInId,
            AdminPage.TimeText(user.CreatedAt),
            AdminPage.TimeIso(user.CreatedAt),
            user.LastLoginAt is { } last ? AdminPage.TimeText(last) : null,
            user.LastLoginAt is { } lastIso ? AdminPage.TimeIso(lastIso) : null)
        {
            Open = user.Id == openUserId,
            AskCode = user.Id == signedInId && selfEnrolled,
            DisplayNameHidesCharacters = InvisibleCharacters.First(user.DisplayName) is not null,
        }).ToList();

        var events = await audit.ListAsync(0, RecentEvents, cancellationToken);
        var names = await UsernamesAsync(events, cancellationToken);
        var eventRows = events.Select(e => new AdminAuditRow(
            AdminPage.TimeText(e.At),
            AdminPage.TimeIso(e.At),
            e.Event,
            NameOf(e.Actor, names),
            NameOf(e.Target, names),
            e.Address ?? "-",
            e.Detail ?? "")).ToList();

        var pageSize = UserAdministration.PageSize;
        var from = (listing.Page - 1) * pageSize;
        return new AdminPage(adminPath, rows, eventRows)
        {
            Query = listing.Query,
            ListQuery = listing.QueryString(),
            Summary = Summary(listing, page.Total, from, rows.Count),
            PreviousPageUrl = listing.Page > 1 ? adminPath + (listing with { Page = listing.Page - 1 }).QueryString() : null,
            NextPageUrl = from + rows.Count < page.Total ? adminPath + (listing with { Page = listing.Page + 1 }).QueryString() : null,
        };
    }

    private static string Summary(AdminListing listing, int total, int from, int shown) => (total, shown) switch
    {
        (0, _) when listing.Query.Length > 0 => $"No user matches \u201c{listing.Query}\u201d.",
        (0, _) => "There are no users yet.",
        (_, 0) => $"Page {listing.Page} is past the end of the list ({total} in all).",
        _ => $"{(listing.Query.Length > 0 ? "Matching users" : "Users")} {from + 1} to {from + shown} of {total}.",
    };

    private async Task<Dictionary<string, string>> UsernamesAsync(
        IReadOnlyList<AuditEvent> events, CancellationToken cancellationToken)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var id in events.SelectMany(e => new[] { e.Actor, e.Target }).OfType<string>().Distinct(StringComparer.Ordinal))
        {
            if (id != AuditEvents.CommandLine && await store.FindByIdAsync(id, cancellationToken) is { } user)
            {
                names[id] = user.Username;
            }
        }

        return names;
    }

    /// <summary>The username while the account exists; a deleted one's id; <c>cli</c> for the command line.</summary>
    private static string NameOf(string? id, Dictionary<string, string> names) =>
        id is null ? "-" : names.GetValueOrDefault(id, id);
}
