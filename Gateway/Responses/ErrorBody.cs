using System.Text.Json.Serialization;

namespace Gateway.Responses;

/// <summary>The JSON error shape of every gateway answer: a stable code for programs and a sentence for people.</summary>
internal sealed record ErrorBody(
    string Error,
    string Message,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyDictionary<string, string>? Fields = null)
{
    /// <summary>For <c>second_factor_required</c> at sign-in: what to post with the code to finish signing in.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Challenge { get; init; }
}
