using System.Data.Common;
using Dapper;
using static Gateway.Storage.Sql.StoreCommands;

namespace Gateway.Storage.Sql;

/// <summary>
/// <see cref="IUserStore.ImportAsync"/>: the users created in one transaction, each marked with its source, so a re-run
/// finds its own users and changes nothing.
/// </summary>
internal static class UserImport
{
    public static Task<IReadOnlyList<ImportOutcome>> RunAsync(
        StoreDatabase database, IReadOnlyList<User> users, string source, bool commitWhenTaken,
        CancellationToken cancellationToken) =>
        database.RunAsync<IReadOnlyList<ImportOutcome>>(async connection =>
        {
            // BEGIN IMMEDIATE in SQLite: the write lock is held from the start, so no registration slips in between.
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            var outcomes = new List<ImportOutcome>(users.Count);
            foreach (var user in users)
            {
                outcomes.Add(await ImportOneAsync(connection, transaction, user, source, cancellationToken));
            }

            // Disposing the transaction without committing rolls every insert back.
            if (commitWhenTaken || !outcomes.Contains(ImportOutcome.UsernameTaken))
            {
                await transaction.CommitAsync(cancellationToken);
            }

            return outcomes;
        }, cancellationToken);

    /// <summary>
    /// Inserts unless the key is held; when it is, says by whom. ON CONFLICT waits for a registration of the same name
    /// still in flight, so a name taken meanwhile is reported taken, never inserted twice.
    /// </summary>
    private static async Task<ImportOutcome> ImportOneAsync(
        DbConnection connection, DbTransaction transaction, User user, string source, CancellationToken cancellationToken)
    {
        var row = UserRow.From(user with { Disabled = false, LastLoginAt = null }, importedFrom: source);
        while (true)
        {
            if (await connection.ExecuteAsync(Command(
                $"{UserRow.Insert} ON CONFLICT (username_key) DO NOTHING", row, transaction, cancellationToken)) == 1)
            {
                return ImportOutcome.Added;
            }

            var imported = await connection.ExecuteScalarAsync<bool?>(Command(
                "SELECT imported_from IS NOT NULL FROM users WHERE username_key = @UsernameKey", row, transaction, cancellationToken));
            if (imported is { } byImport)
            {
                return byImport ? ImportOutcome.AlreadyImported : ImportOutcome.UsernameTaken;
            }

            // The holder was deleted between the two statements: the name is free again, so try the insert once more.
        }
    }
}
