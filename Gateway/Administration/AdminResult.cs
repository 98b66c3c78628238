using Gateway.Storage;

namespace Gateway.Administration;

internal abstract record AdminResult
{
    public sealed record Done(User User) : AdminResult;

    public sealed record Deleted : AdminResult;

    public sealed record NotFound : AdminResult;

    /// <summary>Bad input or a refused action, with the field it is about and a sentence saying why.</summary>
    public sealed record Invalid(string Field, string Message) : AdminResult;

    /// <summary>A user to create whose username is already taken.</summary>
    public sealed record UsernameTaken : AdminResult;
}
