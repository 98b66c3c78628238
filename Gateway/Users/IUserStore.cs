namespace Gateway.Users;

internal interface IUserStore
{
    Task<User?> FindByUsernameAsync(string username, CancellationToken cancellationToken);

    Task<User?> FindByIdAsync(string id, CancellationToken cancellationToken);

    /// <returns>False when the username is taken; nothing is written then.</returns>
    Task<bool> TryCreateAsync(User user, CancellationToken cancellationToken);

    Task UpdatePasswordHashAsync(string id, string passwordHash, CancellationToken cancellationToken);
}
