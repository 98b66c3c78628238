using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Gateway.Tests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Gateway.Tests.Revocation;

/// <summary>What a script does against a gateway with a Bearer token: call a protected route, log out, change the password.</summary>
internal static class Api
{
    public const string ProtectedPath = "/api/whoami";

    public static async Task<HttpStatusCode> GetAsync(GatewayServer gateway, string token, string path = ProtectedPath)
    {
        using var client = gateway.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    public static async Task<bool> IsAcceptedAsync(GatewayServer gateway, string token) =>
        await GetAsync(gateway, token) == HttpStatusCode.OK;

    public static async Task<HttpResponseMessage> LogoutAsync(GatewayServer gateway, string token, string query = "")
    {
        using var client = gateway.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/auth/logout" + query);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await client.SendAsync(request);
    }

    public static async Task<HttpResponseMessage> ChangePasswordAsync(
        GatewayServer gateway, string token, string currentPassword, string newPassword)
    {
        using var client = gateway.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/auth/password")
        {
            Content = JsonContent.Create(new { currentPassword, newPassword }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await client.SendAsync(request);
    }

    /// <summary>POST /auth/refresh with the Bearer token: a new token of its session.</summary>
    public static async Task<string> RefreshAsync(GatewayServer gateway, string token)
    {
        using var client = gateway.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/auth/refresh");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await TokenFromAsync(response);
    }

    public static async Task<string> TokenFromAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return body.GetProperty("token").GetString()!;
    }

    public static async Task<(HttpStatusCode Status, JsonElement Body)> ReadyAsync(GatewayServer gateway)
    {
        using var client = gateway.CreateClient();
        using var response = await client.GetAsync("/readyz");
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    public static JsonWebToken Decode(string token) => new(token);

    /// <summary>The token's session id (sid), which a logout revokes.</summary>
    public static string SessionId(string token) => Decode(token).GetClaim("sid").Value;

    /// <summary>A registered user and a token signed in through the gateway's JSON API.</summary>
    public static async Task<(RegisteredUser User, string Token)> SignUpAsync(GatewayServer gateway)
    {
        using var client = gateway.CreateClient();
        var user = await TestUsers.RegisterAsync(client);
        return (user, await TestUsers.LoginAsync(client, user.Username));
    }
}
