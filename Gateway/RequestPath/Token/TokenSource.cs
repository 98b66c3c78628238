namespace Gateway.RequestPath.Token;

/// <summary>Where the request's token came from, kept so the proxy strips exactly what the gateway consumed.</summary>
internal enum TokenSource
{
    Cookie = 1,
    AuthorizationHeader = 2,
}
