using Gateway.Hosting.Options;
using Gateway.Storage.Sql;
using Gateway.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Gateway.Tests.Infrastructure;

/// <summary>Reads the gateway's users.db directly, to check what was (or was not) written.</summary>
internal static class UserDatabase
{
    /// <summary>A real SQLite user store in a fresh temp folder, without a gateway around it.</summary>
    public static SqlUserStore CreateStore() => new(CreateDatabase());

    /// <summary>A real SQLite database (migrated to the current schema on first use) in a fresh temp folder (or <paramref name="dataPath"/>).</summary>
    public static StoreDatabase CreateDatabase(string? dataPath = null) => new(
        new SqliteDialect(new DataFolder(
            Options.Create(new GatewayOptions { DataPath = dataPath ?? TempFolder.Create("users") }), NullLogger<DataFolder>.Instance)),
        NullLogger<StoreDatabase>.Instance);

    public static string? PasswordHash(string dataPath, string username) =>
        Scalar(dataPath, "SELECT password_hash FROM users WHERE username_key = $key", username.ToLowerInvariant()) as string;

    public static long CountByUsername(string dataPath, string username) =>
        (long)Scalar(dataPath, "SELECT COUNT(*) FROM users WHERE username_key = $key", username.ToLowerInvariant())!;

    /// <summary>The iteration count stored in an ASP.NET Core Identity v3 hash: byte 0 is 0x01, then PRF and count as big-endian uint32.</summary>
    public static int Iterations(string passwordHash)
    {
        var bytes = Convert.FromBase64String(passwordHash);
        Assert.Equal(0x01, bytes[0]);
        return (int)System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(5, 4));
    }

    private static object? Scalar(string dataPath, string sql, string key)
    {
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(dataPath, "users.db"),
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
        }.ToString();
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$key", key);
        return command.ExecuteScalar();
    }
}
