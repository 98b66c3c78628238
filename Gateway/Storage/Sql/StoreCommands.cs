using System.Data.Common;
using Dapper;

namespace Gateway.Storage.Sql;

/// <summary>Dapper's calls for one statement on a connection of its own, through <see cref="StoreDatabase.RunAsync{T}"/>.</summary>
internal static class StoreCommands
{
    public static Task<int> ExecuteAsync(
        this StoreDatabase database, string sql, object? parameters, CancellationToken cancellationToken) =>
        database.RunAsync(connection => connection.ExecuteAsync(Command(sql, parameters, null, cancellationToken)), cancellationToken);

    public static Task<T?> ScalarAsync<T>(
        this StoreDatabase database, string sql, object? parameters, CancellationToken cancellationToken) =>
        database.RunAsync(
            connection => connection.ExecuteScalarAsync<T>(Command(sql, parameters, null, cancellationToken)), cancellationToken);

    /// <summary>Every row, read before the connection goes back to the pool.</summary>
    public static Task<IEnumerable<T>> QueryAsync<T>(
        this StoreDatabase database, string sql, object? parameters, CancellationToken cancellationToken) =>
        database.RunAsync(connection => connection.QueryAsync<T>(Command(sql, parameters, null, cancellationToken)), cancellationToken);

    public static CommandDefinition Command(
        string sql, object? parameters, DbTransaction? transaction, CancellationToken cancellationToken) =>
        new(sql, parameters, transaction, cancellationToken: cancellationToken);
}
