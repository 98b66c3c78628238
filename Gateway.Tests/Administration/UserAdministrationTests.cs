using System.Net;

using Gateway.Administration;
using Gateway.Audit;
using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Administration;

public sealed class UserAdministrationTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private UserAdministration Administration => fixture.Gateway.Services.GetRequiredService<UserAdministration>();

    [Fact]
    public async Task SetRoles_OwnAdminRoleRemoved_IsRefusedAndKeepsTheRole()
    {
        var admin = await CreateAsync(["admin"]);
        var self = new AdminActor(admin.Id, "127.0.0.1");

        var result = await Administration.SetRolesAsync(self, admin.Id, ["editor"], CancellationToken.None);

        var invalid = Assert.IsType<AdminResult.Invalid>(result);
        Assert.Equal("roles", invalid.Field);
        Assert.Contains("admin", (await FindAsync(admin.Id)).Roles);
    }

    [Fact]
    public async Task DisableAndDelete_Themselves_AreRefused()
    {
        var admin = await CreateAsync(["admin"]);
        var self = new AdminActor(admin.Id, "127.0.0.1");

        Assert.IsType<AdminResult.Invalid>(await Administration.SetDisabledAsync(self, admin.Id, true, CancellationToken.None));
        Assert.IsType<AdminResult.Invalid>(await Administration.DeleteAsync(self, admin.Id, CancellationToken.None));
        Assert.False((await FindAsync(admin.Id)).Disabled);
    }

    [Fact]
    public async Task SetRoles_InvalidName_NamesTheRoleAndChangesNothing()
    {
        var user = await CreateAsync([]);

        var result = await Administration.SetRolesAsync(AdminActor.CommandLine, user.Id, ["Editors!"], CancellationToken.None);

        Assert.Contains("Editors!", Assert.IsType<AdminResult.Invalid>(result).Message);
        Assert.Empty((await FindAsync(user.Id)).Roles);
    }

    [Fact]
    public async Task SetRoles_UnknownUser_IsNotFound()
    {
        var result = await Administration.SetRolesAsync(AdminActor.CommandLine, "no-such-id", ["admin"], CancellationToken.None);

        Assert.IsType<AdminResult.NotFound>(result);
    }

    [Fact]
    public async Task SetRolesDisableAndDelete_SignedInUser_EndTheirTokenAndAreAudited()
    {
        using var client = fixture.Gateway.CreateClient();
        foreach (var action in new Func<string, Task<AdminResult>>[]
        {
            id => Administration.SetRolesAsync(AdminActor.CommandLine, id, ["editor"], CancellationToken.None),
            id => Administration.SetDisabledAsync(AdminActor.CommandLine, id, true, CancellationToken.None),
            id => Administration.DeleteAsync(AdminActor.CommandLine, id, CancellationToken.None),
        })
        {
            var user = await TestUsers.RegisterAsync(client);
            var token = await TestUsers.LoginAsync(client, user.Username);

            await action(user.Id);

            using var response = await client.SendAsync(Requests.Get("/hello").AsApi().WithBearer(token));
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            var events = await fixture.Gateway.Services.GetRequiredService<AuditTrail>().ListAsync(0, 50, CancellationToken.None);
            Assert.Contains(events, e => e.Target == user.Id && e.Actor == AuditEvents.CommandLine);
        }
    }

    [Fact]
    public async Task Token_OfUserWithRoles_CarriesThemAsJsonArray()
    {
        var user = await CreateAsync(["admin", "editor"]);
        using var client = fixture.Gateway.CreateClient();

        var token = await TestUsers.LoginAsync(client, user.Username);

        var roles = new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(token).GetPayloadValue<string[]>("roles");
        Assert.Equal(["admin", "editor"], roles);
    }

    private async Task<Gateway.Storage.User> CreateAsync(IReadOnlyList<string> roles)
    {
        var result = await Administration.CreateAsync(
            AdminActor.CommandLine, TestUsers.UniqueName("adm"), null, TestUsers.Password, roles, CancellationToken.None);
        return Assert.IsType<AdminResult.Done>(result).User;
    }

    private async Task<Gateway.Storage.User> FindAsync(string id) =>
        (await fixture.Gateway.Services.GetRequiredService<Gateway.Storage.IUserStore>().FindByIdAsync(id, CancellationToken.None))!;
}
