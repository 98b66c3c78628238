using Gateway.Storage;
using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Users;

/// <summary>The store contract against a real SQLite file in a fresh temp folder.</summary>
public sealed class SqliteStoreContractTests : StoreContract
{
    private protected override Task<Stores> CreateStoresAsync()
    {
        var database = UserDatabase.CreateDatabase();
        return Task.FromResult(new Stores(
            new SqliteUserStore(database), new SqliteAuditStore(database), new SqliteSecondFactorStore(database),
            new SqliteAttemptStore(database), null));
    }
}
