using System.Globalization;

using Gateway.Pages;

namespace Gateway.Accounts.SecondFactor;

/// <summary>
/// Two-step sign-in on the account: an introduction with a button to start, then the QR code, the secret for manual
/// entry and the code field, then the recovery codes (shown once); for an enrolled user, the status and the form that
/// turns it off.
/// </summary>
internal sealed record TotpPage(string Username, string TotpPath, string ReturnUrl) : PageModel
{
    public override Page Page => Page.TotpEnrolment;

    public string? Notice { get; init; }

    public string? Error { get; init; }

    public bool Enrolled { private get; init; }

    /// <summary>The secret being set up, base32, in groups of four for reading aloud or typing.</summary>
    public string? Secret { get; init; }

    /// <summary>The otpauth URI as a QR code: an SVG made by the gateway, as a data: URI (CSP allows img-src data:).</summary>
    public string? QrCode { get; init; }

    /// <summary>The recovery codes just issued; shown once.</summary>
    public IReadOnlyList<RecoveryCodeRow> RecoveryCodes { get; init; } = [];

    public int? RecoveryCodesLeftCount { private get; init; }

    public string? RecoveryCodesLeft => RecoveryCodesLeftCount?.ToString(CultureInfo.InvariantCulture);

    public bool NoRecoveryCodesLeft => RecoveryCodesLeftCount == 0;

    public bool Done => RecoveryCodes.Count > 0;

    public bool ShowStatus => Enrolled && !Done;

    public bool SettingUp => !Enrolled && Secret is not null;

    public bool Intro => !Enrolled && Secret is null;
}

internal sealed record RecoveryCodeRow(string Code);
