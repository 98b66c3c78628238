using Gateway.Storage.Sql;
using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Storage.PostgreSql;

/// <summary>The store contract against the real PostgreSQL server, in a fresh database for each test.</summary>
[Collection(PostgresTests.Name)]
public sealed class PostgreSqlStoreContractTests(PostgresFixture postgres) : StoreContract
{
    private protected override async Task<Stores> CreateStoresAsync()
    {
        var database = await postgres.CreateGatewayDatabaseAsync();
        return new Stores(
            new SqlUserStore(database), new SqlAuditStore(database), new SqlSecondFactorStore(database),
            new SqlAttemptStore(database), database);
    }
}
