using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Gateway.Hosting.Options;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Gateway.RequestPath.Assertions;

/// <summary>
/// The EC P-256 key assertions are signed with (ES256, RFC 7518 section 3.4): Gateway:Assertion:KeyPath, or a key
/// generated once into the data folder (owner-only, like the other keys there). Loaded on first use, which
/// <see cref="AssertionStartup"/> makes happen before the gateway serves, so a bad file stops start-up.
/// </summary>
internal sealed class AssertionKey(IOptions<AssertionOptions> options, DataFolder dataFolder, ILogger<AssertionKey> logger)
{
    public const string FileName = "assertion-key.pem";
    public const string Algorithm = SecurityAlgorithms.EcdsaSha256;

    private static readonly string P256 = ECCurve.NamedCurves.nistP256.Oid.Value!;

    private readonly Lazy<Loaded> _loaded = new(() => Load(options.Value, dataFolder, logger));

    public SigningCredentials Credentials => _loaded.Value.Credentials;

    public string KeyId => _loaded.Value.Credentials.Key.KeyId;

    /// <summary>The JWK Set (RFC 7517 section 5) with the public key only.</summary>
    public string KeySetJson => _loaded.Value.KeySetJson;

    private sealed record Loaded(SigningCredentials Credentials, string KeySetJson);

    private static Loaded Load(AssertionOptions options, DataFolder dataFolder, ILogger logger)
    {
        var generated = false;
        var generatedPath = Path.Combine(dataFolder.Path, FileName);
        var ecdsa = string.IsNullOrWhiteSpace(options.KeyPath)
            ? LoadOrCreate(generatedPath, logger, out generated)
            : Read(Path.GetFullPath(options.KeyPath), "Gateway:Assertion:KeyPath", logger);
        var point = ecdsa.ExportParameters(includePrivateParameters: false).Q;
        var x = Base64UrlEncoder.Encode(point.X);
        var y = Base64UrlEncoder.Encode(point.Y);

        // RFC 7638: the SHA-256 of the required members in lexicographic order, no whitespace. Every instance with the
        // same key names it alike, and a rotated key gets a new kid by itself.
        var thumbprint = $$"""{"crv":"P-256","kty":"EC","x":"{{x}}","y":"{{y}}"}""";
        var keyId = Base64UrlEncoder.Encode(SHA256.HashData(Encoding.UTF8.GetBytes(thumbprint)));

        var keySet = JsonSerializer.Serialize(new
        {
            keys = new[] { new { kty = "EC", crv = "P-256", x, y, kid = keyId, use = "sig", alg = "ES256" } },
        });
        if (generated)
        {
            AssertionLog.Generated(logger, generatedPath, keyId);
        }

        return new Loaded(new SigningCredentials(new ECDsaSecurityKey(ecdsa) { KeyId = keyId }, Algorithm), keySet);
    }

    private static ECDsa LoadOrCreate(string path, ILogger logger, out bool generated)
    {
        const string what = "The assertion key in the data folder";
        generated = false;
        if (File.Exists(path))
        {
            return Read(path, what, logger);
        }

        using var created = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        var fileOptions = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            fileOptions.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var writer = new StreamWriter(new FileStream(temporary, fileOptions)))
        {
            writer.Write(created.ExportPkcs8PrivateKeyPem());
        }

        try
        {
            // Replicas sharing the folder may start together: the first key moved in wins and every one uses it.
            File.Move(temporary, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(temporary);
            return Read(path, what, logger);
        }

        generated = true;
        return Read(path, what, logger);
    }

    /// <summary>
    /// A private EC P-256 key from a PEM file no other user can read (<see cref="KeyFileAccess"/>), or a start-up
    /// problem naming the file and the fix.
    /// </summary>
    private static ECDsa Read(string path, string what, ILogger logger)
    {
        string reason;
        try
        {
            using var file = File.OpenHandle(path);
            using var reader = new StreamReader(new FileStream(file, FileAccess.Read));
            var ecdsa = ECDsa.Create();
            ecdsa.ImportFromPem(reader.ReadToEnd());
            var parameters = ecdsa.ExportParameters(includePrivateParameters: true);
            if (parameters.Curve.Oid?.Value == P256 && parameters.D is { Length: > 0 })
            {
                // A usable key, so who else can use it matters: checked on the file as opened (a link's target).
                try
                {
                    KeyFileAccess.Check(file, path, what, logger);
                }
                catch (GatewayStartupException)
                {
                    ecdsa.Dispose();
                    throw;
                }

                return ecdsa;
            }

            ecdsa.Dispose();
            reason = "it holds no EC P-256 private key";
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            reason = ex.Message.TrimEnd('.');
        }
        catch (Exception ex) when (ex is ArgumentException or CryptographicException)
        {
            // The messages say which PEM label or structure was wrong, never what the file held.
            reason = "it holds no EC P-256 private key in PEM";
        }

        throw new GatewayStartupException(
            $"{what} '{path}' cannot be used: {reason}. Give a PEM file with an EC P-256 private key " +
            "(openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out assertion-key.pem).");
    }
}
