using System.Text.Json.Serialization;

namespace Gateway.Responses;

/// <summary>The JSON error shape of every gateway answer: a stable code for programs and a sentence for people.</summary>
internal sealed record ErrorBody(
    string Error,
    string Message,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyDictionary<string, string>? Fields = null);
