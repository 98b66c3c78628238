using Microsoft.Playwright;

namespace Gateway.Tests.Browser;

/// <summary>
/// One headless Debian Chromium for every browser test, driven by Playwright. Never a downloaded browser:
/// when /usr/bin/chromium is missing the tests fail and say how to install it.
/// </summary>
public sealed class ChromiumFixture : IAsyncLifetime
{
    public const string ExecutablePath = "/usr/bin/chromium";

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public IBrowser Browser => _browser
        ?? throw new InvalidOperationException("Chromium was not started; see the first failure of this test run.");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException(
                $"The browser tests need Debian's Chromium at {ExecutablePath}, and it is not installed. " +
                "Run ./test.sh, which installs it, or: apt-get install -y chromium");
        }

        Microsoft.Playwright.Assertions.SetDefaultExpectTimeout(30_000);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
            ],
        });
    }

    /// <summary>A fresh context (no cookies, no storage) with one page, its base address set to <paramref name="address"/>.</summary>
    public async Task<BrowserTab> OpenAsync(Uri address, TabOptions? options = null)
    {
        options ??= new TabOptions();
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = address.ToString(),
            ViewportSize = new ViewportSize { Width = options.Width, Height = options.Height },
            ColorScheme = options.Dark ? ColorScheme.Dark : ColorScheme.Light,
            JavaScriptEnabled = options.JavaScript,
            Locale = "en-GB",
            TimezoneId = "UTC",
        });
        // Generous: the test run shares two cores, and the gateway hashes passwords on low-priority threads.
        context.SetDefaultTimeout(30_000);
        return new BrowserTab(context, await context.NewPageAsync());
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
    }
}

public sealed record TabOptions(int Width = 1280, int Height = 800, bool Dark = false, bool JavaScript = true)
{
    public static readonly TabOptions Phone = new(Width: 360, Height: 740);
}

[CollectionDefinition(Name)]
public sealed class ChromiumTests : ICollectionFixture<ChromiumFixture>
{
    /// <summary>Browser tests share one Chromium and run one at a time, which keeps a two-core machine responsive.</summary>
    public const string Name = "Chromium";
}
