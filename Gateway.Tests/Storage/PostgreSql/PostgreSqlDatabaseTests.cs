using Gateway.Storage;
using Gateway.Storage.PostgreSql;
using Gateway.Storage.Sql;
using Gateway.Tests.Infrastructure;
using Npgsql;

namespace Gateway.Tests.Storage.PostgreSql;

[Collection(PostgresTests.Name)]
public sealed class PostgreSqlDatabaseTests(PostgresFixture postgres)
{
    [Fact]
    public async Task Migrate_SeveralInstancesAtOnceOnAnEmptyDatabase_ApplyEachMigrationOnce()
    {
        var connectionString = await postgres.CreateDatabaseAsync();
        var databases = Enumerable.Range(0, 4).Select(_ => PostgresFixture.Open(connectionString)).ToList();
        try
        {
            await Task.WhenAll(databases.Select(database => Task.Run(() => database.MigrateAsync(CancellationToken.None))));

            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT COUNT(*), COUNT(DISTINCT version), MAX(version) FROM schema_migrations", connection);
            await using var reader = await command.ExecuteReaderAsync();
            await reader.ReadAsync();
            Assert.Equal(
                ((long)PostgreSqlMigrations.All.Count, (long)PostgreSqlMigrations.All.Count, PostgreSqlMigrations.All.Count),
                (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt32(2)));
        }
        finally
        {
            foreach (var database in databases)
            {
                await database.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task Store_DatabaseUnreachable_ThrowsUserStoreUnavailableWithoutTheConnectionString()
    {
        var closed = ClosedPort.Address();
        await using var database = PostgresFixture.Open(
            $"Host=127.0.0.1;Port={closed.Port};Username=gateway;Password=hunter2secret;Timeout=2");
        var store = new SqlUserStore(database);

        var thrown = await Assert.ThrowsAsync<UserStoreUnavailableException>(
            () => store.FindByUsernameAsync("alice", CancellationToken.None));

        Assert.Equal("The PostgreSQL user store cannot be reached.", thrown.Message);
        Assert.DoesNotContain("hunter2secret", thrown.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task KeyRepository_StoredElement_IsReadBackByAnotherInstance()
    {
        var connectionString = await postgres.CreateDatabaseAsync();
        await using var first = PostgresFixture.Open(connectionString);
        await using var second = PostgresFixture.Open(connectionString);
        var key = new System.Xml.Linq.XElement("key", new System.Xml.Linq.XAttribute("id", "k1"), "material");

        new PostgreSqlXmlRepository(first).StoreElement(key, "key-k1");

        var read = Assert.Single(new PostgreSqlXmlRepository(second).GetAllElements());
        Assert.Equal(key.ToString(), read.ToString());
    }
}
