using Microsoft.Extensions.Options;
using Npgsql;

namespace Gateway.Storage;

/// <summary>
/// With <c>Gateway:Users:Store</c> PostgreSql, a connection string Npgsql can use is required. The messages never
/// repeat the string: it usually holds a password.
/// </summary>
internal sealed class UserStoreOptionsValidator : IValidateOptions<UserStoreOptions>
{
    public ValidateOptionsResult Validate(string? name, UserStoreOptions options)
    {
        if (options.Store != UserStoreKind.PostgreSql)
        {
            return ValidateOptionsResult.Success;
        }

        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return ValidateOptionsResult.Fail(
                "Gateway:Users:ConnectionString is required when Gateway:Users:Store is PostgreSql: an Npgsql connection " +
                "string such as Host=db;Database=gateway;Username=gateway;Password=..., best passed as the environment " +
                "variable Gateway__Users__ConnectionString.");
        }

        NpgsqlConnectionStringBuilder parsed;
        try
        {
            parsed = new NpgsqlConnectionStringBuilder(options.ConnectionString);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidCastException)
        {
            // The parser's own message may quote a value, so only its kind is said.
            return ValidateOptionsResult.Fail(
                "Gateway:Users:ConnectionString is not a valid Npgsql connection string (Keyword=value pairs separated " +
                "by ';', e.g. Host=db;Database=gateway;Username=gateway). Its value is not shown: it may hold a password.");
        }

        return string.IsNullOrWhiteSpace(parsed.Host)
            ? ValidateOptionsResult.Fail("Gateway:Users:ConnectionString names no server: give it Host=..., e.g. Host=db.")
            : ValidateOptionsResult.Success;
    }
}
