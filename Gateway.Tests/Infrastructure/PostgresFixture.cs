using Gateway.Storage.PostgreSql;
using Gateway.Storage.Sql;
using Microsoft.Extensions.Logging.Abstractions;

namespace Gateway.Tests.Infrastructure;

/// <summary>
/// One real PostgreSQL server for every test class in the <see cref="PostgresTests"/>; each test or class takes
/// a fresh database of its own from it (<see cref="CreateDatabaseAsync"/>).
/// </summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    private PostgresServer? _server;
    private Exception? _startFailure;

    public PostgresServer Server => _server ?? throw new InvalidOperationException(
        "The PostgreSQL test server did not start: " + _startFailure?.Message, _startFailure);

    /// <summary>A new empty database with a random name; its Npgsql connection string.</summary>
    public Task<string> CreateDatabaseAsync() => Server.CreateDatabaseAsync();

    /// <summary>The gateway's <see cref="StoreDatabase"/> over a new empty database (migrated on first use).</summary>
    internal async Task<StoreDatabase> CreateGatewayDatabaseAsync() => Open(await CreateDatabaseAsync());

    internal static StoreDatabase Open(string connectionString) =>
        new(new PostgreSqlDialect(connectionString), NullLogger<StoreDatabase>.Instance);

    public async Task InitializeAsync()
    {
        // Kept, not thrown: each test then fails with the reason (apt-get install postgresql), rather than the collection
        // failing with a fixture error that names no test.
        try
        {
            _server = await PostgresServer.StartAsync();
        }
        catch (InvalidOperationException ex)
        {
            _startFailure = ex;
        }
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}

/// <summary>The test classes that share the one <see cref="PostgresFixture"/> server.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresTests : ICollectionFixture<PostgresFixture>
{
    public const string Name = "PostgreSQL";
}
