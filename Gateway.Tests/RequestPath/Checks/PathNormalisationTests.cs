using Gateway.Tests.Infrastructure;
using Gateway.Tests.RequestPath.Proxy;

namespace Gateway.Tests.RequestPath.Checks;

/// <summary>
/// The authorization decision is made on the path the router matched, so no spelling of a protected path may pass for
/// a public one. What the backend received is the proof: if anything reached it without a token, the path it saw must
/// still be a public one, even read by a backend that decodes and normalises more eagerly than ASP.NET Core does.
/// </summary>
public sealed class PathNormalisationTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    [Theory]
    [InlineData("/public/../secret")]
    [InlineData("/public/./../secret")]
    [InlineData("/public/%2e%2e/secret")]
    [InlineData("/public/%2E%2E/secret")]
    [InlineData("/public/.%2e/secret")]
    [InlineData("/public/..%2Fsecret")]
    [InlineData("/public/..%2fsecret")]
    [InlineData("/public/%2e%2e%2fsecret")]
    [InlineData("/public/..%5Csecret")]
    [InlineData("/public/..%255Csecret")]
    [InlineData("/public/..%252Fsecret")]
    [InlineData("/public/%252e%252e/secret")]
    [InlineData("/public/%252e%252e%252fsecret")]
    [InlineData("/public/..;/secret")]
    [InlineData("/public;/../secret")]
    [InlineData("/PUBLIC/../secret")]
    [InlineData("/public/../api/whoami")]
    [InlineData("/public/%2e%2e/api/whoami")]
    [InlineData("/public/..%2Fapi/whoami")]
    [InlineData("/public/../hello")]
    [InlineData("/public/%2e%2e/hello")]
    [InlineData("/public/..%2Fhello")]
    [InlineData("/public%2F..%2Fsecret")]
    [InlineData("//public/../secret")]
    [InlineData("/public/../secret?/public/x")]
    [InlineData("/secret?x=/public/")]
    [InlineData("/secret#/public/")]
    [InlineData("/Secret")]
    [InlineData("/SECRET/../secret")]
    public async Task ProtectedPath_SpelledToLookPublic_NeverReachesBackendOutsidePublic(string target)
    {
        var response = await RawHttp.SendAsync(fixture.Gateway.Address, "GET", target, "Accept: application/json");

        if (response.StatusCode is >= 200 and < 300)
        {
            var echoed = EchoedRequest.Parse(response.Body);
            var seen = BackendView.Normalise(echoed.Path);
            Assert.True(BackendView.IsUnderPublic(seen),
                $"{target} reached the backend without a token as {echoed.Path} (read as {seen}).");
        }
        else
        {
            // Only the gateway's own refusals: a backend 404 would mean the request got through.
            Assert.True(response.StatusCode is 400 or 401, $"{target} answered {response.StatusCode}: {response.Body}");
            Assert.Matches("\"error\":\"(unauthorized|ambiguous_path)\"", response.Body);
        }
    }

    [Theory]
    [InlineData("/public/x")]
    [InlineData("/PUBLIC/x")]
    [InlineData("/public/a/../x")]
    [InlineData("/public/%2e/x")]
    public async Task PublicPath_AnySpelling_IsForwardedAsPublicPath(string target)
    {
        var response = await RawHttp.SendAsync(fixture.Gateway.Address, "GET", target, "Accept: application/json");

        Assert.Equal(200, response.StatusCode);
        Assert.True(BackendView.IsUnderPublic(BackendView.Normalise(EchoedRequest.Parse(response.Body).Path)));
    }

    [Fact]
    public async Task ProtectedPath_DotSegmentsWithToken_ReachesBackendNormalised()
    {
        var response = await RawHttp.SendAsync(fixture.Gateway.Address, "GET", "/public/../secret",
            "Accept: application/json", $"Authorization: Bearer {TestTokens.Valid()}");

        Assert.Equal(200, response.StatusCode);
        Assert.Equal("/secret", EchoedRequest.Parse(response.Body).Path);
    }
}
