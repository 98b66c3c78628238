namespace Gateway.RequestPath.Assertions;

internal static partial class AssertionLog
{
    [LoggerMessage(EventId = 5310, Level = LogLevel.Warning,
        Message = "Generated the assertion signing key {KeyPath} (kid {KeyId}); instances that share no data folder need " +
                  "the same key: set Gateway:Assertion:KeyPath on each")]
    public static partial void Generated(ILogger logger, string keyPath, string keyId);

    [LoggerMessage(EventId = 5311, Level = LogLevel.Information,
        Message = "Signing identity assertions with key {KeyId}, served at " + AssertionKeysEndpoint.Path)]
    public static partial void Signing(ILogger logger, string keyId);
}
