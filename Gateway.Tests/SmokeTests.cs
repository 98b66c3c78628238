using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

using Gateway.Tests.Infrastructure;

namespace Gateway.Tests;

public sealed class SmokeTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    [Fact]
    public async Task ProtectedRoute_WithBearerToken_ForwardsUserId()
    {
        using var client = fixture.Gateway.CreateClient();
        var user = await TestUsers.RegisterAsync(client);
        var token = await TestUsers.LoginAsync(client, user.Username);

        using var api = fixture.Gateway.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/whoami");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await api.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(user.Id, body.GetProperty("headers").GetProperty("X-User-Id")[0].GetString());
    }
}
