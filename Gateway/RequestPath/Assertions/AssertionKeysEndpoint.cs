using Gateway.Responses;
using Microsoft.Extensions.Options;

namespace Gateway.RequestPath.Assertions;

/// <summary>
/// The public key backends verify assertions with, as a JWK Set (RFC 7517), for anyone: it is public. Cacheable for a
/// few minutes; a backend that meets an unknown kid fetches it again (PyJWKClient and IdentityModel both do).
/// </summary>
internal static class AssertionKeysEndpoint
{
    public const string Path = "/.well-known/jwks.json";

    private static readonly HttpError NotFound = HttpError.Of(StatusCodes.Status404NotFound, "not_found",
        "This gateway signs no assertions (Gateway:Assertion:Enabled is false), so it has no keys to publish.");

    /// <summary>Mapped even when disabled, so the path answers 404 instead of reaching a catch-all route's backend.</summary>
    public static IEndpointRouteBuilder MapAssertionKeys(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Path, WriteAsync).AllowAnonymous();
        return endpoints;
    }

    private static Task WriteAsync(HttpContext context, IOptions<AssertionOptions> options, AssertionKey key, Replies replies)
    {
        if (!options.Value.Enabled)
        {
            return replies.ErrorAsync(context, NotFound);
        }

        context.Response.Headers.CacheControl = "public, max-age=300";
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(key.KeySetJson);
    }
}
