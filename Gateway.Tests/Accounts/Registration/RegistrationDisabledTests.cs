using System.Net;
using System.Net.Http.Json;

using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Accounts.Registration;

public sealed class RegistrationDisabledTests : IAsyncLifetime
{
    private SampleBackendServer _backend = null!;
    private GatewayServer _gateway = null!;

    public async Task InitializeAsync()
    {
        _backend = await SampleBackendServer.StartAsync();
        _gateway = await GatewayServer.StartAsync(_backend.Address, [("Gateway:Users:AllowRegistration", "false")]);
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _backend.DisposeAsync();
    }

    [Fact]
    public async Task RegisterJson_RegistrationDisabled_Returns403AndWritesNoUser()
    {
        using var client = _gateway.CreateClient();

        using var response = await client.PostAsJsonAsync("/auth/register", new { username = "newcomer", password = TestUsers.Password });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("registration_disabled", await response.ErrorCodeAsync());
        Assert.False(File.Exists(Path.Combine(_gateway.DataPath, "users.db"))
            && UserDatabase.CountByUsername(_gateway.DataPath, "newcomer") > 0);
    }

    [Fact]
    public async Task RegisterPage_RegistrationDisabled_Returns403Page()
    {
        using var client = _gateway.CreateClient();

        using var response = await client.SendAsync(Requests.Get("/auth/register").AsBrowser());

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("name=\"password\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoginPage_RegistrationDisabled_HasNoRegisterLink()
    {
        using var client = _gateway.CreateClient();

        var html = await client.GetStringAsync("/auth/login");

        Assert.DoesNotContain("/auth/register", html, StringComparison.Ordinal);
    }
}
