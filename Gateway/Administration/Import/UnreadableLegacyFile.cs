namespace Gateway.Administration.Import;

/// <summary>A legacy export that cannot be read as one; its message says what to do, in one line.</summary>
internal sealed class UnreadableLegacyFile(string message) : Exception(message);
