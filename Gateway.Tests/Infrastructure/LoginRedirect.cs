using Microsoft.AspNetCore.WebUtilities;

namespace Gateway.Tests.Infrastructure;

/// <summary>A Location header pointing at the login page, taken apart.</summary>
internal sealed record LoginRedirect(string Path, string? ReturnUrl, string? Reason)
{
    public static LoginRedirect Parse(HttpResponseMessage response)
    {
        var location = response.Headers.Location?.OriginalString;
        Assert.False(string.IsNullOrEmpty(location), $"No Location header on a {(int)response.StatusCode} answer.");
        var query = location.IndexOf('?', StringComparison.Ordinal);
        var path = query < 0 ? location : location[..query];
        var parameters = QueryHelpers.ParseQuery(query < 0 ? "" : location[query..]);
        return new LoginRedirect(
            path,
            parameters.TryGetValue("returnUrl", out var returnUrl) ? returnUrl.ToString() : null,
            parameters.TryGetValue("reason", out var reason) ? reason.ToString() : null);
    }
}
