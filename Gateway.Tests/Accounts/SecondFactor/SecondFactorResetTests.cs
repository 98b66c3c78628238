using System.Net;

using Gateway.Administration;
using Gateway.Audit;
using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Accounts.SecondFactor;

/// <summary>An admin resets a user's second factor: API and command line.</summary>
public sealed class SecondFactorResetTests(SecondFactorFixture fixture) : IClassFixture<SecondFactorFixture>
{
    private GatewayServer Gateway => fixture.Gateway;

    [Fact]
    public async Task AdminApi_Reset_RemovesTheSecondFactorAndEndsTheSessions()
    {
        var enrolled = await fixture.EnrolAsync();
        var adminToken = await AdminTokenAsync();
        using var client = Gateway.CreateClientWithoutCookieJar();

        using var reset = await client.SendAsync(
            Requests.Post($"/auth/admin/api/users/{enrolled.User.Id}/second-factor/reset").WithBearer(adminToken).AsApi());
        using var me = await client.SendAsync(Requests.Get("/auth/me").WithBearer(enrolled.Token));
        using var again = await client.SendAsync(
            Requests.Post($"/auth/admin/api/users/{enrolled.User.Id}/second-factor/reset").WithBearer(adminToken).AsApi());

        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, me.StatusCode);
        Assert.Equal(["pwd"], SecondFactorFixture.Amr(await TestUsers.LoginAsync(client, enrolled.User.Username)));
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Contains(await fixture.AuditAsync(), e => e.Event == AuditEvents.SecondFactorReset && e.Target == enrolled.User.Id);
    }

    [Fact]
    public async Task AdminApi_ResetByNonAdmin_Is403()
    {
        var enrolled = await fixture.EnrolAsync();
        using var client = Gateway.CreateClientWithoutCookieJar();

        using var reset = await client.SendAsync(
            Requests.Post($"/auth/admin/api/users/{enrolled.User.Id}/second-factor/reset").WithBearer(enrolled.Token).AsApi());

        Assert.Equal(HttpStatusCode.Forbidden, reset.StatusCode);
        using var stillEnrolled = await client.SendAsync(Requests.Get("/auth/me").WithBearer(enrolled.Token));
        Assert.True((await stillEnrolled.JsonAsync()).GetProperty("secondFactor").GetBoolean());
    }

    [Fact]
    public async Task Cli_ResetSecondFactor_RemovesItAndIsAudited()
    {
        var enrolled = await fixture.EnrolAsync();

        var run = await GatewayCli.For(Gateway).RunAsync("users", "reset-second-factor", enrolled.User.Username);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Reset the two-step sign-in", run.Output, StringComparison.Ordinal);
        using var client = Gateway.CreateClientWithoutCookieJar();
        Assert.Equal(["pwd"], SecondFactorFixture.Amr(await TestUsers.LoginAsync(client, enrolled.User.Username)));
        Assert.Contains(await fixture.AuditAsync(), e => e.Event == AuditEvents.SecondFactorReset
            && e.Target == enrolled.User.Id && e.Actor == AuditEvents.CommandLine);
    }

    [Fact]
    public async Task Cli_ResetSecondFactorOfUserWithout_Fails()
    {
        using var client = Gateway.CreateClientWithoutCookieJar();
        var user = await TestUsers.RegisterAsync(client);

        var run = await GatewayCli.For(Gateway).RunAsync("users", "reset-second-factor", user.Username);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("has no two-step sign-in", run.Error, StringComparison.Ordinal);
    }

    private async Task<string> AdminTokenAsync()
    {
        var admin = Gateway.Services.GetRequiredService<UserAdministration>();
        var result = await admin.CreateAsync(
            AdminActor.CommandLine, TestUsers.UniqueName("adm"), null, TestUsers.Password, ["admin"], CancellationToken.None);
        var user = Assert.IsType<AdminResult.Done>(result).User;
        using var client = Gateway.CreateClientWithoutCookieJar();
        return await TestUsers.LoginAsync(client, user.Username);
    }
}
