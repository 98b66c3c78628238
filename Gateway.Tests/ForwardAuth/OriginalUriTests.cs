using System.Net;
using System.Text;
using Gateway.Accounts;
using Gateway.ForwardAuth;
using Gateway.Hosting.Options;
using Gateway.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;

namespace Gateway.Tests.ForwardAuth;

/// <summary>The original URI a proxy reports becomes a return URL only through ReturnUrl, like every other.</summary>
public sealed class OriginalUriTests
{
    private static readonly GatewayOptions Options = new();

    [Theory]
    [InlineData(OriginalUri.ForwardedUri)]
    [InlineData(OriginalUri.OriginalUriHeader)]
    public void ReturnUrl_EveryOpenRedirectPayload_IsTheCheckedOneOrRoot(string header)
    {
        var payloads = TestData.Lines("openredirects.txt");
        var escapes = new StringBuilder();
        foreach (var payload in payloads.Concat(payloads.Select(WebUtility.UrlDecode).OfType<string>()))
        {
            var result = OriginalUri.ReturnUrl(RequestWith(header, payload), Options);
            if (result != ReturnUrl.AfterSignIn(payload, Options) || (result != ReturnUrl.Fallback && !ReturnUrl.IsLocal(result)))
            {
                escapes.AppendLine($"  {Uri.EscapeDataString(payload)} -> {Uri.EscapeDataString(result)}");
            }
        }

        Assert.True(escapes.Length == 0, "These original URIs were not checked like a return URL:\n" + escapes);
    }

    [Fact]
    public void LoginLocation_EveryOpenRedirectPayload_StaysOnTheLoginPageOfThisHost()
    {
        foreach (var payload in TestData.Lines("openredirects.txt"))
        {
            var location = OriginalUri.LoginLocation(RequestWith(OriginalUri.ForwardedUri, payload), Options, reason: null);

            Assert.StartsWith("/auth/login?returnUrl=", location, StringComparison.Ordinal);
            Assert.DoesNotContain('&', location);
            Assert.True(Uri.TryCreate(new Uri("https://gateway.example/"), location, out var resolved) && resolved.Host == "gateway.example",
                $"{payload} gave {location}");
        }
    }

    [Fact]
    public void ReturnUrl_TwoCopiesOfTheHeader_FallsBackToRoot()
    {
        var context = new DefaultHttpContext();
        context.Request.Headers[OriginalUri.ForwardedUri] = new Microsoft.Extensions.Primitives.StringValues(["/a", "/b"]);

        Assert.Equal("/", OriginalUri.ReturnUrl(context.Request, Options));
    }

    [Fact]
    public void LoginLocation_WithReason_AppendsIt() =>
        Assert.Equal("/auth/login?returnUrl=%2Fa%3Fb%3D1%26c%3D2&reason=expired",
            OriginalUri.LoginLocation(RequestWith(OriginalUri.OriginalUriHeader, "/a?b=1&c=2"), Options, "expired"));

    private static HttpRequest RequestWith(string header, string value)
    {
        var context = new DefaultHttpContext();
        context.Request.Headers[header] = value;
        return context.Request;
    }
}
