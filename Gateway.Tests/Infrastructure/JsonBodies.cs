using System.Net.Http.Json;
using System.Text.Json;

namespace Gateway.Tests.Infrastructure;

internal static class JsonBodies
{
    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        try
        {
            return JsonDocument.Parse(text).RootElement.Clone();
        }
        catch (JsonException)
        {
            Assert.Fail($"Expected JSON, got {(int)response.StatusCode} {response.Content.Headers.ContentType}: {text}");
            throw;
        }
    }

    /// <summary>The "error" code of a gateway error body.</summary>
    public static async Task<string?> ErrorCodeAsync(this HttpResponseMessage response) =>
        (await response.JsonAsync()).GetProperty("error").GetString();

    public static JsonContent Json(object value) => JsonContent.Create(value);
}
