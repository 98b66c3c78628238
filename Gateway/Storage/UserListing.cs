namespace Gateway.Storage;

/// <summary>One page of users, in username order, and how many users match in all.</summary>
internal sealed record UserListing(IReadOnlyList<User> Users, int Total);
