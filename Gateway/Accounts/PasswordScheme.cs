namespace Gateway.Accounts;

/// <summary>How new and rehashed passwords are stored; hashes of the other scheme keep verifying and are replaced at login.</summary>
internal enum PasswordScheme
{
    /// <summary>Argon2id through libsodium, parameters in <see cref="UserOptions.Argon2"/>.</summary>
    Argon2id,

    /// <summary>PBKDF2-HMAC-SHA512 at <see cref="UserOptions.PasswordIterations"/>, for deployments that need a FIPS-approved KDF.</summary>
    Pbkdf2,
}
