using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Gateway.Tokens;

/// <summary>The one HMAC key tokens are signed and checked with.</summary>
internal sealed class SigningKey(IOptions<JwtOptions> options)
{
    public const string Algorithm = SecurityAlgorithms.HmacSha256;

    public SymmetricSecurityKey Key { get; } = new(Encoding.UTF8.GetBytes(options.Value.SigningKey!));

    public SigningCredentials Credentials => new(Key, Algorithm);
}
