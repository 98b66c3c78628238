using System.ComponentModel.DataAnnotations;

namespace Gateway.RequestPath.Identity;

/// <summary>The <c>Gateway:Headers</c> section: what the backend is told about the user.</summary>
internal sealed class IdentityHeaderOptions
{
    public const string Section = "Headers";

    [Required, RegularExpression("^[A-Za-z0-9-]+$", ErrorMessage = "Gateway:Headers:UserId must be a header name like X-User-Id.")]
    public string UserId { get; set; } = "X-User-Id";

    [Required, RegularExpression("^[A-Za-z0-9-]+$", ErrorMessage = "Gateway:Headers:UserName must be a header name like X-User-Name.")]
    public string UserName { get; set; } = "X-User-Name";

    /// <summary>
    /// The username the user signs in with, for an app whose data is keyed by its old login (X-User-Name is the display
    /// name); absent for a token issued before tokens carried it, until its session's next refresh.
    /// </summary>
    [Required, RegularExpression("^[A-Za-z0-9-]+$", ErrorMessage = "Gateway:Headers:UserLogin must be a header name like X-User-Login.")]
    public string UserLogin { get; set; } = "X-User-Login";

    /// <summary>The user's roles, comma-separated (role names never hold a comma); absent for a user without roles.</summary>
    [Required, RegularExpression("^[A-Za-z0-9-]+$", ErrorMessage = "Gateway:Headers:UserRoles must be a header name like X-User-Roles.")]
    public string UserRoles { get; set; } = "X-User-Roles";

    /// <summary>
    /// Client headers never passed on, whatever <see cref="Remove"/> says. X-Original-URL and X-Rewrite-URL make some
    /// frameworks route to another path than the one the gateway authorized; the others are the identity headers of
    /// Authelia and Authentik (Remote-*), oauth2-proxy (X-Forwarded-*, X-Auth-Request-*) and Apache (X-Remote-User),
    /// which an app moved from behind one of those may still trust. Kept apart from <see cref="Remove"/> because
    /// configuration binds an array over its defaults index by index: an operator's list would replace some of them.
    /// </summary>
    public static readonly IReadOnlyList<string> AlwaysRemoved =
    [
        "X-Original-URL", "X-Rewrite-URL",
        "Remote-User", "Remote-Groups", "Remote-Name", "Remote-Email",
        "X-Forwarded-User", "X-Forwarded-Email", "X-Forwarded-Groups", "X-Forwarded-Preferred-Username",
        "X-Forwarded-Access-Token",
        "X-Auth-Request-User", "X-Auth-Request-Email", "X-Auth-Request-Groups", "X-Auth-Request-Preferred-Username",
        "X-Auth-Request-Access-Token",
        "X-Remote-User",
        Assertions.AssertionOptions.HeaderName,
    ];

    /// <summary>Further client headers the operator wants dropped, on top of <see cref="AlwaysRemoved"/>.</summary>
    public string[] Remove { get; set; } = [];
}
