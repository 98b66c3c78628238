using System.ComponentModel.DataAnnotations;

namespace Gateway.Pages;

/// <summary>The <c>Gateway:Pages</c> section: how the gateway's own pages look.</summary>
internal sealed class PageOptions
{
    public const string Section = "Pages";

    [Required(ErrorMessage = "Gateway:Pages:Title must not be empty."), StringLength(80)]
    public string Title { get; set; } = "Auth Gateway";

    /// <summary>A logo served by this host (CSP allows images from 'self' only), for example /public/logo.svg.</summary>
    [RegularExpression("^/[^/\\\\].*$", ErrorMessage = "Gateway:Pages:LogoPath must be a path on this host, like /public/logo.svg.")]
    public string? LogoPath { get; set; }

    /// <summary>
    /// A folder of templates (login.html, ...) and assets (assets/gateway.css, ...) that replace the built-in ones file
    /// by file; a relative path is resolved against the working directory. Templates are read once, at first use; assets
    /// are served from disk as they are, from an <c>assets/</c> folder that exists at start-up.
    /// </summary>
    public string? TemplatePath { get; set; }
}
