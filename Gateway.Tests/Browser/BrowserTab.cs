using Microsoft.Playwright;

namespace Gateway.Tests.Browser;

/// <summary>A page in its own browser context, with the console errors the gateway's pages logged (a CSP violation is one).</summary>
public sealed class BrowserTab : IAsyncDisposable
{
    private readonly IBrowserContext _context;
    private readonly List<string> _consoleErrors = [];

    public BrowserTab(IBrowserContext context, IPage page)
    {
        _context = context;
        Page = page;
        page.Console += (_, message) =>
        {
            // The sample backend has no favicon, and that is not the gateway's to fix. Some errors (an inline style
            // refused by the CSP) carry no location at all: those are kept.
            if (message.Type == "error" && !IsOutsideGateway(message.Location))
            {
                lock (_consoleErrors)
                {
                    _consoleErrors.Add($"{message.Text} ({message.Location})");
                }
            }
        };
        page.PageError += (_, error) =>
        {
            lock (_consoleErrors)
            {
                _consoleErrors.Add(error);
            }
        };
    }

    public IPage Page { get; }

    public IBrowserContext Context => _context;

    public IReadOnlyList<string> ConsoleErrors
    {
        get
        {
            lock (_consoleErrors)
            {
                return [.. _consoleErrors];
            }
        }
    }

    /// <summary>Saves a full-page PNG under the test output's artifacts/screenshots folder and returns its path.</summary>
    public async Task<string> ScreenshotAsync(string name)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "artifacts", "screenshots", name + ".png");
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true, Animations = ScreenshotAnimations.Disabled });
        return path;
    }

    public async ValueTask DisposeAsync() => await _context.CloseAsync();

    private static bool IsOutsideGateway(string location) =>
        Uri.TryCreate(location, UriKind.Absolute, out var url) && !url.AbsolutePath.StartsWith("/auth/", StringComparison.Ordinal);
}
