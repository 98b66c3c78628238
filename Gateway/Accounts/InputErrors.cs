using Gateway.Responses;

namespace Gateway.Accounts;

internal static class InputErrors
{
    /// <summary>400 with a message per field to fix, keyed by the form field's name.</summary>
    public static HttpError Invalid(IReadOnlyDictionary<string, string> fields) =>
        new(StatusCodes.Status400BadRequest, new ErrorBody("invalid_input", "Please correct the fields below.", fields));
}
