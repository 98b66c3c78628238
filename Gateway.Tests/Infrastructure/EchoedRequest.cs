using System.Net.Http.Json;
using System.Text.Json;

namespace Gateway.Tests.Infrastructure;

/// <summary>What the sample backend says it received, from its /api/whoami or fallback echo.</summary>
public sealed record EchoedRequest(
    string Method,
    string Path,
    string? Query,
    IReadOnlyDictionary<string, string[]> Headers,
    IReadOnlyDictionary<string, string> Cookies)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<EchoedRequest> ReadAsync(HttpResponseMessage response)
    {
        Assert.True(response.IsSuccessStatusCode,
            $"Expected the backend's echo, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<EchoedRequest>(Json))!;
    }

    public static EchoedRequest Parse(string json) => JsonSerializer.Deserialize<EchoedRequest>(json, Json)!;

    /// <summary>
    /// Every value of every header a backend would take for <paramref name="name"/>: CGI-style servers fold "-", "_"
    /// and "." together and ignore case, so X_User_Id and x.user.id count as X-User-Id.
    /// </summary>
    public IReadOnlyList<string> ValuesAsBackendsSeeThem(string name) =>
        [.. Headers.Where(h => Fold(h.Key) == Fold(name)).SelectMany(h => h.Value)];

    public string? Header(string name) =>
        Headers.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value is { } values
            ? string.Join(", ", values)
            : null;

    private static string Fold(string name) =>
        new([.. name.Where(char.IsAsciiLetterOrDigit).Select(char.ToUpperInvariant)]);
}
