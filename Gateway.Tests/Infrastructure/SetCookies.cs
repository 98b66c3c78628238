namespace Gateway.Tests.Infrastructure;

internal static class SetCookies
{
    /// <summary>The Set-Cookie line for <paramref name="name"/>, or null when the response sets no such cookie.</summary>
    public static string? Find(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues("Set-Cookie", out var values)
            ? values.FirstOrDefault(v => v.StartsWith(name + "=", StringComparison.Ordinal))
            : null;

    /// <summary>The attributes of a Set-Cookie line, lower-cased, e.g. "httponly", "samesite=lax", "path=/".</summary>
    public static IReadOnlyList<string> Attributes(string setCookie) =>
        [.. setCookie.Split(';').Skip(1).Select(a => a.Trim().ToLowerInvariant())];
}
