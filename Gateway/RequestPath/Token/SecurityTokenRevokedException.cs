using Microsoft.IdentityModel.Tokens;

namespace Gateway.RequestPath.Token;

/// <summary>A well-formed, unexpired token whose jti was revoked by a logout.</summary>
internal sealed class SecurityTokenRevokedException() : SecurityTokenValidationException("The token was revoked.");
