using System.Xml.Linq;
using Dapper;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace Gateway.Storage.Sql;

/// <summary>
/// The data-protection key ring in the <c>data_protection_keys</c> table, so instances that share the database and no
/// folder accept each other's antiforgery tokens and protected secrets. Keys are stored as ASP.NET Core writes them
/// (unencrypted, as in the data folder): access to the database is access to the keys.
/// </summary>
internal sealed class PostgreSqlXmlRepository(StoreDatabase database) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements() =>
        database.Run(connection =>
            connection.Query<string>("SELECT xml FROM data_protection_keys ORDER BY id").Select(XElement.Parse).ToList());

    public void StoreElement(XElement element, string friendlyName) =>
        database.Run(connection => connection.Execute(
            "INSERT INTO data_protection_keys (friendly_name, xml) VALUES (@name, @xml)",
            new { name = friendlyName, xml = element.ToString(SaveOptions.DisableFormatting) }));
}
