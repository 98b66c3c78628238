using System.ComponentModel.DataAnnotations;

namespace Gateway.Proxy;

/// <summary>The <c>Gateway:Headers</c> section: what the backend is told about the user.</summary>
internal sealed class IdentityHeaderOptions
{
    public const string Section = "Headers";

    [Required, RegularExpression("^[A-Za-z0-9-]+$", ErrorMessage = "Gateway:Headers:UserId must be a header name like X-User-Id.")]
    public string UserId { get; set; } = "X-User-Id";

    [Required, RegularExpression("^[A-Za-z0-9-]+$", ErrorMessage = "Gateway:Headers:UserName must be a header name like X-User-Name.")]
    public string UserName { get; set; } = "X-User-Name";

    /// <summary>
    /// Further client headers never passed on. X-Original-URL and X-Rewrite-URL make some frameworks route to another
    /// path than the one the gateway authorized.
    /// </summary>
    public string[] Remove { get; set; } = ["X-Original-URL", "X-Rewrite-URL"];
}
