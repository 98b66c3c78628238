using System.Globalization;

using Gateway.Pages;

namespace Gateway.Accounts.Passwords;

internal sealed record AccountPage(string Username, string DisplayName) : PageModel
{
    /// <summary>The query value (<c>?notice=password_changed</c>) the password form redirects here with.</summary>
    public const string PasswordChangedNotice = "password_changed";

    /// <summary>The query value the account page is opened with after two-step sign-in was turned off.</summary>
    public const string SecondFactorOffNotice = "second_factor_off";

    public override Page Page => Page.Account;

    /// <summary>The two-step sign-in page, to set it up or manage it.</summary>
    public string SecondFactorPath { get; init; } = "";

    /// <summary>How many recovery codes are left, when two-step sign-in is on.</summary>
    public string? RecoveryCodesLeft { get; init; }

    public string? Notice { get; init; }

    /// <summary>The admin page, linked for admins only.</summary>
    public string? AdminPath { get; init; }

    /// <summary>When the session ends (the token's expiry when it is not refreshed); shown as <c>expiresAt</c> and <c>expiresAtIso</c>.</summary>
    public DateTimeOffset? SessionEnds { private get; init; }

    /// <summary>When the user signed in (the password check); shown as <c>startedAt</c> and <c>startedAtIso</c>.</summary>
    public DateTimeOffset? SessionStarted { private get; init; }

    /// <summary>The user chose "Keep me signed in".</summary>
    public bool Remembered { get; init; }

    /// <summary>The session is refreshed while in use, and can end sooner (browser closed, idle).</summary>
    public bool AtTheLatest { get; init; }

    public string? StartedAt => SessionStarted?.ToString("d MMM yyyy, HH:mm 'UTC'", CultureInfo.InvariantCulture);

    public string? StartedAtIso => SessionStarted?.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>The first letter of the name as a person reads it (a whole emoji or accented letter, not half of one).</summary>
    public string Initial => DisplayName.Length == 0 ? "?" : StringInfo.GetNextTextElement(DisplayName).ToUpperInvariant();

    // The page script rewrites this in the reader's time zone; without scripts it stays in UTC.
    public string? ExpiresAt => SessionEnds?.ToString("d MMM yyyy, HH:mm 'UTC'", CultureInfo.InvariantCulture);

    public string? ExpiresAtIso => SessionEnds?.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>The notice for the <c>notice</c> query value the page was opened with, if it is one the gateway sends.</summary>
    public static string? NoticeFor(string? query) => query switch
    {
        PasswordChangedNotice => "Your password was changed, and you were signed out on every other device.",
        SecondFactorOffNotice => "Two-step sign-in is off, and you were signed out on every other device.",
        _ => null,
    };
}
