namespace Gateway.Storage;

/// <summary>What <see cref="IUserStore.ImportAsync"/> did with one user.</summary>
internal enum ImportOutcome
{
    Added,
    AlreadyImported,
    UsernameTaken,
}
