using System.Net;

using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Revocation;

/// <summary>No Gateway:Redis:Configuration: revocation in memory, cut-offs from the user store.</summary>
public sealed class InMemoryRevocationTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    [Fact]
    public async Task Logout_WithoutRedis_TokenRejected()
    {
        var (_, token) = await Api.SignUpAsync(fixture.Gateway);
        Assert.True(await Api.IsAcceptedAsync(fixture.Gateway, token));

        using var logout = await Api.LogoutAsync(fixture.Gateway, token);

        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await Api.GetAsync(fixture.Gateway, token));
    }

    [Fact]
    public async Task LogoutEverywhere_WithoutRedis_EndsEarlierTokensAcrossARestart()
    {
        var gateway = await GatewayServer.StartAsync(fixture.Backend.Address);
        RegisteredUser user;
        string old;
        string fresh;
        string someoneElse;
        await using (gateway)
        {
            (user, old) = await Api.SignUpAsync(gateway);
            (_, someoneElse) = await Api.SignUpAsync(gateway);
            using var logout = await Api.LogoutAsync(gateway, old, "?everywhere=true");
            Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
            using var client = gateway.CreateClient();
            fresh = await TestUsers.LoginAsync(client, user.Username);
            Assert.Equal(HttpStatusCode.Unauthorized, await Api.GetAsync(gateway, old));
        }

        await using var restarted = await GatewayServer.StartAsync(fixture.Backend.Address, directory: gateway.Directory);

        Assert.Equal(HttpStatusCode.Unauthorized, await Api.GetAsync(restarted, old));
        Assert.True(await Api.IsAcceptedAsync(restarted, fresh), "the token signed in after the cut-off survives the restart");
        Assert.True(await Api.IsAcceptedAsync(restarted, someoneElse), "another user's token is untouched");
    }

    [Fact]
    public async Task Readyz_WithoutRedis_ReportsHealthy()
    {
        var (status, body) = await Api.ReadyAsync(fixture.Gateway);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Healthy", body.GetProperty("status").GetString());
    }
}
