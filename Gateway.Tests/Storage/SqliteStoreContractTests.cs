using Gateway.Storage.Sql;
using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Storage;

/// <summary>The store contract against a real SQLite file in a fresh temp folder.</summary>
public sealed class SqliteStoreContractTests : StoreContract
{
    private protected override Task<Stores> CreateStoresAsync()
    {
        var database = UserDatabase.CreateDatabase();
        return Task.FromResult(new Stores(
            new SqlUserStore(database), new SqlAuditStore(database), new SqlSecondFactorStore(database),
            new SqlAttemptStore(database), null));
    }
}
