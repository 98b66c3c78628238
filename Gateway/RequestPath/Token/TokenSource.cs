namespace Gateway.RequestPath.Token;

/// <summary>Where the request's token came from, kept so the proxy strips exactly what the gateway consumed.</summary>
internal enum TokenSource
{
    Cookie = 1,
    AuthorizationHeader = 2,
}

internal static class TokenSourceExtensions
{
    private static readonly object Key = new();

    // Boxed once, so marking a request allocates nothing.
    private static readonly object FromCookie = TokenSource.Cookie;
    private static readonly object FromAuthorizationHeader = TokenSource.AuthorizationHeader;

    public static void SetTokenSource(this HttpContext context, TokenSource source) =>
        context.Items[Key] = source == TokenSource.Cookie ? FromCookie : FromAuthorizationHeader;

    public static TokenSource? GetTokenSource(this HttpContext context) =>
        context.Items.TryGetValue(Key, out var value) ? (TokenSource)value! : null;
}
