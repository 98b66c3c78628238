using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Gateway.Tests.Infrastructure;

/// <summary>Creates accounts and signs in through the gateway's public JSON API, as a script would.</summary>
public static class TestUsers
{
    public const string Password = "correct horse battery";

    public static string UniqueName(string prefix = "user") => $"{prefix}{Guid.NewGuid():N}"[..Math.Min(40, prefix.Length + 32)];

    public static async Task<RegisteredUser> RegisterAsync(HttpClient client, string? username = null, string? displayName = null)
    {
        username ??= UniqueName();
        var response = await client.PostAsJsonAsync("/auth/register", new { username, password = Password, displayName });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return new RegisteredUser(body.GetProperty("id").GetString()!, username, body.GetProperty("displayName").GetString()!);
    }

    public static async Task<string> LoginAsync(HttpClient client, string username, string password = Password)
    {
        var response = await client.PostAsJsonAsync("/auth/login", new { username, password });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return body.GetProperty("token").GetString()!;
    }

    /// <summary>The token the gateway put in this cookie jar, as a browser holds it.</summary>
    public static string TokenCookie(CookieContainer cookies, Uri gateway)
    {
        var cookie = cookies.GetCookies(gateway)["gateway_token"];
        Assert.True(cookie is { Value.Length: > 0 }, "The client holds no gateway_token cookie.");
        return cookie.Value;
    }
}

public sealed record RegisteredUser(string Id, string Username, string DisplayName);
