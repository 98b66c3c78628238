using System.Xml.Linq;
using Gateway.Hosting.Options;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace Gateway.Hosting.DataProtection;

/// <summary>
/// The data-protection key ring in the data folder's <c>keys</c> folder, each key file mode 0600: ASP.NET Core's
/// <see cref="FileSystemXmlRepository"/> writes them with the process's umask (usually 0644), and they are unencrypted.
/// </summary>
internal sealed class OwnerOnlyXmlRepository(string directory) : IXmlRepository
{
    private readonly FileSystemXmlRepository _inner = new(
        new DirectoryInfo(directory), Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance);

    public IReadOnlyCollection<XElement> GetAllElements() => _inner.GetAllElements();

    public void StoreElement(XElement element, string friendlyName)
    {
        _inner.StoreElement(element, friendlyName);

        // The folder is 0700, so the moment between the write and this is no exposure. A new key is rare.
        foreach (var file in Directory.EnumerateFiles(directory, "*.xml"))
        {
            DataFolder.RestrictToOwner(file);
        }
    }
}
