using System.Net;

namespace SampleBackend;

/// <summary>
/// An application with no authentication code at all: it trusts the X-User-Id and X-User-Name headers the gateway
/// sets, exactly like the apps the gateway is meant to protect.
/// </summary>
internal static class SampleApp
{
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        // A start-up failure is reported once, by Program, in one line; not again with a stack trace.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.Critical);
        var app = builder.Build();

        // Pings more often than the gateway's default Gateway:Proxy:Timeout (30 s), which YARP applies to idle sockets too.
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(15) });
        app.Map("/ws/echo", EchoSocket.RunAsync);

        app.MapGet("/", () => Html("Sample app", """
            <h1>Sample app</h1>
            <p>This home page is public. The pages below sit behind the gateway.</p>
            <ul>
              <li><a href="/hello">A page that greets you</a> (sign-in required)</li>
              <li><a href="/api/whoami">What the gateway forwards</a> (JSON, sign-in required)</li>
              <li><a href="/auth/account">Your account</a></li>
            </ul>
            """));

        app.MapGet("/hello", (HttpRequest request) =>
        {
            var id = request.Headers["X-User-Id"].ToString();
            var name = UserName(request);
            return id.Length == 0
                ? Html("Hello", "<h1>Hello, stranger</h1><p>No X-User-Id arrived: this page is meant to sit behind the gateway.</p>")
                : Html("Hello", $"""
                    <h1>Hello, {WebUtility.HtmlEncode(name)}!</h1>
                    <p>Your user id is <code>{WebUtility.HtmlEncode(id)}</code>.</p>
                    <p><a href="/">Home</a> · <a href="/auth/account">Your account</a></p>
                    <p><button type="button" id="sign-out">Sign out</button> <span id="sign-out-error" role="alert"></span></p>
                    <script src="/public/signout.js" defer></script>
                    """);
        });

        // A static asset with caching of its own: the gateway keeps a backend's Cache-Control.
        app.MapGet("/public/style.css", (HttpResponse response) =>
        {
            response.Headers.CacheControl = "public, max-age=3600";
            response.Headers.Vary = "Accept-Encoding";
            return Results.Text("body{font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;line-height:1.5}",
                "text/css; charset=utf-8");
        });

        // The page's own "Sign out": a script, not a form, so the app needs no antiforgery token of the gateway's. The
        // X-Requested-With header is what lets the gateway tell it from a cross-site post (a foreign page cannot send it
        // without a CORS preflight, which the gateway never grants). An external file, so a CSP of script-src 'self' allows it.
        app.MapGet("/public/signout.js", () => Results.Text(SignOutScript, "text/javascript; charset=utf-8"));

        app.MapGet("/api/whoami", (HttpRequest request) => Results.Json(new
        {
            method = request.Method,
            path = request.Path.Value,
            query = request.QueryString.Value,
            headers = request.Headers.ToDictionary(h => h.Key, h => h.Value.ToArray()),
            cookies = request.Cookies.ToDictionary(c => c.Key, c => c.Value),
        }));

        // Everything else echoes too, so any path the gateway forwards can be inspected.
        app.MapFallback((HttpRequest request) => Results.Json(new
        {
            method = request.Method,
            path = request.Path.Value,
            query = request.QueryString.Value,
            headers = request.Headers.ToDictionary(h => h.Key, h => h.Value.ToArray()),
            cookies = request.Cookies.ToDictionary(c => c.Key, c => c.Value),
        }));

        return app;
    }

    /// <summary>
    /// The gateway percent-encodes X-User-Name whenever it is not plain printable ASCII, "%" included, so decoding
    /// always gives the exact name back. A name may still hold a control character: show it as U+FFFD, never as a
    /// line break in a page, a header or a log line.
    /// </summary>
    private static string UserName(HttpRequest request)
    {
        var name = Uri.UnescapeDataString(request.Headers["X-User-Name"].ToString());
        return string.Create(name.Length, name, (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = char.IsControl(source[i]) ? '\uFFFD' : source[i];
            }
        });
    }

    private const string SignOutScript = """
        document.getElementById('sign-out')?.addEventListener('click', async () => {
          const error = document.getElementById('sign-out-error');
          try {
            const response = await fetch('/auth/logout', { method: 'POST', headers: { 'X-Requested-With': 'XMLHttpRequest' } });
            if (response.ok) {
              location.assign('/auth/login?reason=logged_out');
              return;
            }
            const body = await response.json().catch(() => null);
            error.textContent = body?.message ?? `Signing out failed (${response.status}).`;
          } catch {
            error.textContent = 'Signing out failed: the gateway could not be reached.';
          }
        });
        """;

    private static IResult Html(string title, string body) => Results.Content($$"""
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{title}}</title>
        <link rel="stylesheet" href="/public/style.css">
        </head><body>{{body}}</body></html>
        """, "text/html; charset=utf-8");
}
