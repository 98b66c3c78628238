using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Npgsql;

namespace Gateway.Storage.PostgreSql;

/// <summary>
/// The data-protection key ring in the <c>data_protection_keys</c> table, so instances that share the database and no
/// folder accept each other's antiforgery tokens and protected secrets. Keys are stored as ASP.NET Core writes them
/// (unencrypted, as in the data folder): access to the database is access to the keys.
/// </summary>
internal sealed class PostgreSqlXmlRepository(PostgreSqlDatabase database) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements() =>
        database.Run<IReadOnlyCollection<XElement>>(connection =>
        {
            using var command = new NpgsqlCommand("SELECT xml FROM data_protection_keys ORDER BY id", connection);
            using var reader = command.ExecuteReader();
            var elements = new List<XElement>();
            while (reader.Read())
            {
                elements.Add(XElement.Parse(reader.GetString(0)));
            }

            return elements;
        });

    public void StoreElement(XElement element, string friendlyName) =>
        database.Run(connection =>
        {
            using var command = new NpgsqlCommand(
                "INSERT INTO data_protection_keys (friendly_name, xml) VALUES (@name, @xml)", connection);
            command.Parameters.AddWithValue("name", friendlyName);
            command.Parameters.AddWithValue("xml", element.ToString(SaveOptions.DisableFormatting));
            return command.ExecuteNonQuery();
        });
}
