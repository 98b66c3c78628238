namespace Gateway.Storage;

/// <summary>
/// The user store cannot be reached (the database is down or unreachable). Endpoints answer 503 with Retry-After;
/// nothing was written. The message names the store, never the connection string.
/// </summary>
internal sealed class UserStoreUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
