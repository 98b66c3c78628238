using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Pages;

/// <summary>
/// A gateway whose Gateway:Pages:TemplatePath names a folder with an operator's own login.html and logo, and nothing
/// else: every other template and asset must come from the built-in set.
/// </summary>
public sealed class TemplateFolderFixture : IAsyncLifetime
{
    public const string Marker = "Acme staff sign-in";
    public const string LogoSvg = """<svg xmlns="http://www.w3.org/2000/svg" width="32" height="32" viewBox="0 0 8 8"><circle cx="4" cy="4" r="4" fill="#0f766e"/></svg>""";

    /// <summary>
    /// An operator's login page: different markup, the same placeholders, and a password toggle written the way the
    /// built-in template used to write it (no aria-label, a static aria-pressed), as a copied template would be.
    /// </summary>
    public const string LoginTemplate = """
        <h1>{{appTitle}}</h1>
        <p class="acme">Acme staff sign-in</p>
        {{#notice}}<p role="status">{{notice}}</p>{{/notice}}
        {{#error}}<p role="alert">{{error}}</p>{{/error}}
        <form method="post" action="{{loginPath}}">
        <input type="hidden" name="{{csrfField}}" value="{{csrfToken}}">
        <input type="hidden" name="returnUrl" value="{{returnUrl}}">
        <label>Staff id <input name="username" value="{{username}}"></label>
        <label for="pw">Passphrase</label>
        <div class="password"><input id="pw" name="password" type="password">
        <button type="button" class="toggle" data-toggle-password="pw" aria-controls="pw" aria-pressed="false" hidden>Show</button></div>
        <button>Enter</button>
        </form>
        """;

    public string Folder { get; private set; } = null!;

    public SampleBackendServer Backend { get; private set; } = null!;

    public GatewayServer Gateway { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Folder = TempFolder.Create("templates");
        Directory.CreateDirectory(Path.Combine(Folder, "assets"));
        await File.WriteAllTextAsync(Path.Combine(Folder, "login.html"), LoginTemplate);
        await File.WriteAllTextAsync(Path.Combine(Folder, "assets", "logo.svg"), LogoSvg);

        Backend = await SampleBackendServer.StartAsync();
        Gateway = await GatewayServer.StartAsync(Backend.Address, settings:
        [
            ("Gateway:Pages:TemplatePath", Folder),
            ("Gateway:Pages:Title", "Acme Intranet"),
            ("Gateway:Pages:LogoPath", "/auth/assets/logo.svg"),
        ]);
    }

    public async Task DisposeAsync()
    {
        await Gateway.DisposeAsync();
        await Backend.DisposeAsync();
    }
}
