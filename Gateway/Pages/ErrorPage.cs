namespace Gateway.Pages;

/// <summary>Every error a browser sees: 403, 404, 429, 5xx and the rest.</summary>
internal sealed record ErrorPage(string Heading, string Message) : PageModel
{
    public override Page Page => Page.Error;

    /// <summary>The address to try again, for a GET that failed on the way to the backend.</summary>
    public string? RetryUrl { get; init; }

    /// <summary>A link to what would help (set up two-step sign-in), with <see cref="ActionText"/>.</summary>
    public string? ActionUrl { get; init; }

    public string? ActionText { get; init; }
}
