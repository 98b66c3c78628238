using System.Net;
using System.Net.Http.Json;
using System.Text;

using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Responses;

/// <summary>
/// Every error the gateway answers with, asked for by a browser and by a script: the browser gets an HTML page with the
/// status, the script JSON with the error code. One reply path decides; no error may answer a script with a page or a
/// browser with raw JSON.
/// </summary>
public sealed class ReplyPathTests(ReplyPathFixture fixture) : IClassFixture<ReplyPathFixture>
{
    public enum Asker
    {
        Browser,
        Script,
    }

    public static TheoryData<string, Asker> Cases()
    {
        var data = new TheoryData<string, Asker>();
        foreach (var name in Errors.Keys)
        {
            data.Add(name, Asker.Browser);
            data.Add(name, Asker.Script);
        }

        return data;
    }

    private static readonly Dictionary<string, (HttpStatusCode Status, string Code, Func<ReplyPathFixture, Asker, Task<HttpResponseMessage>> Send)> Errors = new()
    {
        ["unknown /auth path"] = (HttpStatusCode.NotFound, "not_found",
            (f, asker) => Send(f.Gateway, Ask(Requests.Get("/auth/settings"), asker))),
        ["disguised dot segment"] = (HttpStatusCode.BadRequest, "ambiguous_path",
            (f, asker) => Send(f.Gateway, Ask(Requests.Get("/public/..%2Fsecret"), asker))),
        ["backend down"] = (HttpStatusCode.BadGateway, "backend_unreachable",
            (f, asker) => Send(f.Restricted, Ask(Requests.Get("/"), asker))),
        ["registration closed"] = (HttpStatusCode.Forbidden, "registration_disabled",
            (f, asker) => Send(f.Restricted, Ask(Requests.Get("/auth/register"), asker))),
        ["sign-in rate limited"] = (HttpStatusCode.TooManyRequests, "too_many_attempts", RateLimitedAsync),
        ["wrong password"] = (HttpStatusCode.Unauthorized, "invalid_credentials",
            (f, asker) => PostAsync(f.Gateway, asker, "/auth/login", "/auth/login", ("username", "nobody"), ("password", "wrong password"))),
        ["missing fields"] = (HttpStatusCode.BadRequest, "invalid_request",
            (f, asker) => PostAsync(f.Gateway, asker, "/auth/login", "/auth/login", ("username", "nobody"))),
        ["invalid registration"] = (HttpStatusCode.BadRequest, "invalid_input",
            (f, asker) => PostAsync(f.Gateway, asker, "/auth/register", "/auth/register", ("username", "x"), ("password", "short"))),
        ["unsupported body"] = (HttpStatusCode.UnsupportedMediaType, "unsupported_media_type",
            (f, asker) => Send(f.Gateway, Ask(Requests.Post("/auth/login", new StringContent("username=a", Encoding.UTF8, "text/plain")), asker))),
        ["body too large"] = (HttpStatusCode.RequestEntityTooLarge, "body_too_large",
            (f, asker) => Send(f.Gateway, Ask(Requests.Post("/auth/login", new StringContent(new string('a', 20_000), Encoding.UTF8, "text/plain")), asker))),
        ["cookie sign-out without the form"] = (HttpStatusCode.BadRequest, "antiforgery_required", SignOutWithoutFormAsync),
        ["host not served"] = (HttpStatusCode.BadRequest, "unknown_host",
            (f, asker) => Send(f.Gateway, Ask(Requests.Get("/"), asker).WithHost("evil.example"))),
    };

    /// <summary>The sign-in challenge is the one answer that differs by design: browsers are sent to the login page.</summary>
    [Theory]
    [InlineData(Asker.Browser)]
    [InlineData(Asker.Script)]
    public async Task Challenge_AskedByBrowserOrScript_RedirectsOrAnswers401Json(Asker asker)
    {
        using var response = await Send(fixture.Gateway, Ask(Requests.Get("/hello?tab=1"), asker));

        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        if (asker == Asker.Browser)
        {
            Assert.Equal(HttpStatusCode.Found, response.StatusCode);
            Assert.Equal("/auth/login?returnUrl=%2Fhello%3Ftab%3D1", response.Headers.Location?.OriginalString);
        }
        else
        {
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("unauthorized", await response.ErrorCodeAsync());
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Error_AskedByBrowserOrScript_AnswersPageOrJson(string error, Asker asker)
    {
        var (status, code, send) = Errors[error];

        using var response = await send(fixture, asker);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        if (asker == Asker.Browser)
        {
            Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains("<html", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal(code, await response.ErrorCodeAsync());
        }
    }

    private static HttpRequestMessage Ask(HttpRequestMessage request, Asker asker) =>
        asker == Asker.Browser ? request.AsBrowser() : request.AsApi();

    private static async Task<HttpResponseMessage> Send(GatewayServer gateway, HttpRequestMessage request)
    {
        using var client = gateway.CreateClient();
        using (request)
        {
            return await client.SendAsync(request);
        }
    }

    /// <summary>A browser posts the HTML form (with its antiforgery token); a script posts JSON.</summary>
    private static async Task<HttpResponseMessage> PostAsync(
        GatewayServer gateway, Asker asker, string pagePath, string actionPath, params (string Name, string Value)[] fields)
    {
        using var client = gateway.CreateClient();
        if (asker == Asker.Browser)
        {
            return await Forms.PostAsync(client, pagePath, actionPath, fields);
        }

        using var request = Requests.Post(actionPath, JsonContent.Create(fields.ToDictionary(f => f.Name, f => f.Value))).AsApi();
        return await client.SendAsync(request);
    }

    // One attempt a minute from this address: whichever post comes second is refused, the first one of all included.
    private static async Task<HttpResponseMessage> RateLimitedAsync(ReplyPathFixture fixture, Asker asker)
    {
        (await PostAsync(fixture.Restricted, asker, "/auth/login", "/auth/login", ("username", "a"), ("password", "b"))).Dispose();
        HttpContent body = asker == Asker.Browser
            ? new FormUrlEncodedContent([new("username", "a"), new("password", "b")])
            : JsonContent.Create(new { username = "a", password = "b" });
        return await Send(fixture.Restricted, Ask(Requests.Post("/auth/login", body), asker));
    }

    /// <summary>A cookie session posting to sign out without the form's antiforgery token: a cross-site request, or a script.</summary>
    private static async Task<HttpResponseMessage> SignOutWithoutFormAsync(ReplyPathFixture fixture, Asker asker)
    {
        var cookies = new CookieContainer();
        using var client = fixture.Gateway.CreateClient(cookies);
        var user = await TestUsers.RegisterAsync(client);
        await TestUsers.LoginAsync(client, user.Username);
        return await client.SendAsync(Ask(Requests.Post("/auth/logout"), asker));
    }
}
