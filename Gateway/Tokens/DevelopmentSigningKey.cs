using System.Security.Cryptography;
using Gateway.Hosting.Options;
using Microsoft.Extensions.Options;

namespace Gateway.Tokens;

/// <summary>
/// In Development only, when no key is configured: generates a key once and keeps it in the data folder,
/// so restarts keep sessions. Any other environment must configure Gateway:Jwt:SigningKey.
/// </summary>
internal sealed class DevelopmentSigningKey(IHostEnvironment environment, DataFolder dataFolder)
    : IPostConfigureOptions<JwtOptions>
{
    public const string FileName = "dev-signing-key";

    public void PostConfigure(string? name, JwtOptions options)
    {
        if (!string.IsNullOrEmpty(options.SigningKey) || !environment.IsDevelopment())
        {
            return;
        }

        var path = Path.Combine(dataFolder.Path, FileName);
        options.SigningKey = File.Exists(path) ? File.ReadAllText(path).Trim() : Create(path);
        options.GeneratedKeyPath = path;
    }

    private static string Create(string path)
    {
        var key = Base64UrlEncode(RandomNumberGenerator.GetBytes(48));
        var fileOptions = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            // Readable by the gateway's user only, like an SSH key.
            fileOptions.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var stream = new FileStream(path, fileOptions);
        using var writer = new StreamWriter(stream);
        writer.Write(key);
        return key;
    }

    private static string Base64UrlEncode(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
