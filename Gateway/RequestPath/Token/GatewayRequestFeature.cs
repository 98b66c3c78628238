using Gateway.Storage;
using Gateway.Tokens;

namespace Gateway.RequestPath.Token;

/// <summary>
/// What one step of a request's handling tells a later one (the way <c>IAuthenticateResultFeature</c> carries the
/// authentication result): set on <see cref="HttpContext.Features"/> by the first step that has something to say.
/// </summary>
internal interface IGatewayRequestFeature
{
    /// <summary>Where the token came from; null when the request presented none.</summary>
    TokenSource? TokenSource { get; set; }

    /// <summary>The request carried several token cookies of the exact name, so its challenge can say so.</summary>
    bool CookieConflict { get; set; }

    /// <summary>A remembered session could not be restored for want of the user store: a sign-in answers 503, not a login.</summary>
    UserStoreUnavailableException? StoreUnavailable { get; set; }

    /// <summary>The strongest reason a second-factor requirement refused the user.</summary>
    SecondFactorRefusal SecondFactorRefusal { get; set; }

    /// <summary>The token this request already refreshed its session with, so a second refresh reuses it.</summary>
    IssuedToken? RefreshedToken { get; set; }
}

internal sealed class GatewayRequestFeature : IGatewayRequestFeature
{
    public TokenSource? TokenSource { get; set; }

    public bool CookieConflict { get; set; }

    public UserStoreUnavailableException? StoreUnavailable { get; set; }

    public SecondFactorRefusal SecondFactorRefusal { get; set; }

    public IssuedToken? RefreshedToken { get; set; }
}

internal static class GatewayRequestFeatureExtensions
{
    /// <summary>The request's feature, added on first use; most requests only ever read it.</summary>
    public static IGatewayRequestFeature GatewayRequest(this HttpContext context)
    {
        if (context.Features.Get<IGatewayRequestFeature>() is { } feature)
        {
            return feature;
        }

        feature = new GatewayRequestFeature();
        context.Features.Set(feature);
        return feature;
    }

    public static TokenSource? GetTokenSource(this HttpContext context) =>
        context.Features.Get<IGatewayRequestFeature>()?.TokenSource;
}
