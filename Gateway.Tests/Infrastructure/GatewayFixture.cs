namespace Gateway.Tests.Infrastructure;

/// <summary>One sample backend and one gateway in front of it, shared by the tests of a class.</summary>
public sealed class GatewayFixture : IAsyncLifetime
{
    public SampleBackendServer Backend { get; private set; } = null!;

    public GatewayServer Gateway { get; private set; } = null!;

    private readonly Lazy<Task<RegisteredUser>> _sharedUser;

    public GatewayFixture() => _sharedUser = new(() => RegisterSharedUserAsync());

    /// <summary>One account for the tests of a class that only need someone to sign in as (registering costs a hash).</summary>
    public Task<RegisteredUser> SharedUserAsync() => _sharedUser.Value;

    public async Task InitializeAsync()
    {
        Backend = await SampleBackendServer.StartAsync();
        Gateway = await GatewayServer.StartAsync(Backend.Address);
    }

    private async Task<RegisteredUser> RegisterSharedUserAsync()
    {
        using var client = Gateway.CreateClient();
        return await TestUsers.RegisterAsync(client, displayName: "Shared User");
    }

    public async Task DisposeAsync()
    {
        await Gateway.DisposeAsync();
        await Backend.DisposeAsync();
    }
}
