using Gateway.RequestPath.Token;
using Gateway.Tokens;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;

namespace Gateway.RequestPath;

internal sealed class ConfigureGatewayJwtBearer(IOptions<JwtOptions> jwt, SigningKey signingKey, TimeProvider time)
    : IConfigureNamedOptions<JwtBearerOptions>
{
    public void Configure(string? name, JwtBearerOptions options)
    {
        if (name != GatewayAuthentication.Scheme)
        {
            return;
        }

        // Keep "sub", "name" and "jti" as they are in the token instead of mapping them to long SOAP claim URIs.
        options.MapInboundClaims = false;
        options.TokenValidationParameters = TokenValidation.Parameters(jwt.Value, signingKey);

        // Lifetimes are judged by the gateway's clock, the one tokens and sessions are issued by.
        options.TokenValidationParameters.LifetimeValidator = TokenLifetime.On(time);
        options.TimeProvider = time;
        options.EventsType = typeof(GatewayTokenEvents);
        options.SaveToken = false;
        options.IncludeErrorDetails = false;
    }

    public void Configure(JwtBearerOptions options) => Configure(Options.DefaultName, options);
}
