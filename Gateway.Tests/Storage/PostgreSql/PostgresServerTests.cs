using Gateway.Tests.Infrastructure;
using Npgsql;

namespace Gateway.Tests.Storage.PostgreSql;

[Collection(PostgresTests.Name)]
public sealed class PostgresServerTests(PostgresFixture postgres)
{
    [Fact]
    public async Task CreateDatabase_TwoCalls_GiveSeparateEmptyDatabases()
    {
        var first = await postgres.CreateDatabaseAsync();
        var second = await postgres.CreateDatabaseAsync();

        await using (var connection = new NpgsqlConnection(first))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand("CREATE TABLE only_here (id int)", connection);
            await create.ExecuteNonQueryAsync();
        }

        await using var other = new NpgsqlConnection(second);
        await other.OpenAsync();
        await using var count = new NpgsqlCommand(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = 'only_here'", other);
        Assert.NotEqual(first, second);
        Assert.Equal(0L, await count.ExecuteScalarAsync());
    }
}
