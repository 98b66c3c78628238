using Microsoft.AspNetCore.Http;

namespace Gateway.Tests.Accounts.Sessions;

/// <summary>A backend that sets a cookie of its own on every response, to see that the gateway's refresh keeps it.</summary>
public sealed class CookieSettingBackend : IAsyncDisposable
{
    public const string CookieName = "backend_pref";
    public const string CookieValue = "blue";

    private readonly WebApplication _app;

    private CookieSettingBackend(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    public static async Task<CookieSettingBackend> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder(["--urls", "http://127.0.0.1:0", "--hostBuilder:reloadConfigOnChange", "false"]);
        var app = builder.Build();
        app.Run(context =>
        {
            context.Response.Cookies.Append(CookieName, CookieValue, new CookieOptions { Path = "/", HttpOnly = true });
            return context.Response.WriteAsync("from the backend");
        });
        await app.StartAsync();
        return new CookieSettingBackend(app, Infrastructure.SampleBackendServer.BoundAddress(app));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
