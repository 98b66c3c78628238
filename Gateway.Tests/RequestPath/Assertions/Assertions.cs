using System.Net.Http.Headers;
using Gateway.Tests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Gateway.Tests.RequestPath.Assertions;

/// <summary>What a verifying backend does: read X-Gateway-Assertion and check it against the gateway's JWKS.</summary>
internal static class Assertions
{
    public const string Header = "X-Gateway-Assertion";

    public static async Task<EchoedRequest> EchoAsync(GatewayServer gateway, string path, string? token = null, params (string, string)[] headers)
    {
        using var client = gateway.CreateClient();
        using var request = Requests.Get(path).AsApi();
        if (token is not null)
        {
            request.WithBearer(token);
        }

        foreach (var (name, value) in headers)
        {
            request.WithHeader(name, value);
        }

        using var response = await client.SendAsync(request);
        return await EchoedRequest.ReadAsync(response);
    }

    public static async Task<(HttpResponseMessage Response, JsonWebKeySet Keys)> KeysAsync(GatewayServer gateway)
    {
        using var client = gateway.CreateClient();
        var response = await client.GetAsync("/.well-known/jwks.json");
        Assert.True(response.IsSuccessStatusCode, $"GET /.well-known/jwks.json answered {(int)response.StatusCode}.");
        return (response, new JsonWebKeySet(await response.Content.ReadAsStringAsync()));
    }

    /// <summary>Validated as a backend would: ES256 only, the gateway's issuer, this backend's audience, a live exp.</summary>
    public static async Task<TokenValidationResult> VerifyAsync(string assertion, JsonWebKeySet keys, string audience) =>
        await new JsonWebTokenHandler().ValidateTokenAsync(assertion, new TokenValidationParameters
        {
            ValidIssuer = GatewayServer.Issuer,
            ValidAudience = audience,
            IssuerSigningKeys = keys.GetSigningKeys(),
            ValidAlgorithms = [SecurityAlgorithms.EcdsaSha256],
            RequireExpirationTime = true,
            ClockSkew = TimeSpan.Zero,
        });

    public static CacheControlHeaderValue? CacheControl(HttpResponseMessage response) => response.Headers.CacheControl;
}
