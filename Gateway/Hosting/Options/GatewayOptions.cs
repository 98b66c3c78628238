using System.ComponentModel.DataAnnotations;

namespace Gateway.Hosting.Options;

/// <summary>The <c>Gateway</c> section: settings shared by every feature.</summary>
internal sealed class GatewayOptions
{
    public const string SectionName = "Gateway";

    /// <summary>Prefix of the gateway's own paths (login, logout, register, me, assets).</summary>
    [Required, RegularExpression("^/[A-Za-z0-9._~-]+(/[A-Za-z0-9._~-]+)*$",
        ErrorMessage = "Gateway:PathPrefix must be a path like /auth (letters, digits, . _ ~ -, no trailing slash).")]
    public string PathPrefix { get; set; } = "/auth";

    /// <summary>Folder for the SQLite user store, the data-protection keys and the development signing key.</summary>
    [Required(ErrorMessage = "Gateway:DataPath must name a folder.")]
    public string DataPath { get; set; } = "data";

    public string FullDataPath => Path.GetFullPath(DataPath);

    public string LoginPath => PathPrefix + "/login";

    public string LogoutPath => PathPrefix + "/logout";

    public string RegisterPath => PathPrefix + "/register";

    public string PasswordPath => PathPrefix + "/password";

    public string AccountPath => PathPrefix + "/account";

    public string AdminPath => PathPrefix + "/admin";

    /// <summary>The two-step sign-in (TOTP) page: enrolment, status and turning it off.</summary>
    public string SecondFactorPath => PathPrefix + "/2fa/totp";
}
