namespace Gateway.Administration.Import;

/// <summary>A legacy user that passed every check: a valid username, a 64-hex-digit digest (lower case), roles.</summary>
internal sealed record LegacyUser(int Line, string Username, string Digest, string DisplayName, IReadOnlyList<string> Roles);

/// <summary>A record left out, with the line it starts on and why.</summary>
internal sealed record LegacyRejection(int Line, string Reason);
