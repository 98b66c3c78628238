using System.Net;
using System.Text.RegularExpressions;

namespace Gateway.Tests.Infrastructure;

/// <summary>Fills in the gateway's HTML forms as a browser would: antiforgery token scraped from the page first.</summary>
internal static partial class Forms
{
    /// <summary>GETs the page (its antiforgery cookie lands in the client's jar) and returns the form's hidden token.</summary>
    public static async Task<string> AntiforgeryTokenAsync(HttpClient client, string pagePath)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, pagePath).AsBrowser();
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var match = AntiforgeryField().Match(await response.Content.ReadAsStringAsync());
        Assert.True(match.Success, $"No antiforgery field on {pagePath}.");
        return WebUtility.HtmlDecode(match.Groups["token"].Value);
    }

    /// <summary>The antiforgery token of the form in a page's HTML.</summary>
    public static string AntiforgeryTokenIn(string html)
    {
        var match = AntiforgeryField().Match(html);
        Assert.True(match.Success, "No antiforgery field in the page.");
        return WebUtility.HtmlDecode(match.Groups["token"].Value);
    }

    /// <summary>Posts the form with its antiforgery token, as a browser that accepts HTML.</summary>
    public static async Task<HttpResponseMessage> PostAsync(
        HttpClient client, string pagePath, string actionPath, params (string Name, string Value)[] fields)
    {
        var token = await AntiforgeryTokenAsync(client, pagePath);
        return await PostWithTokenAsync(client, actionPath, token, fields);
    }

    public static async Task<HttpResponseMessage> PostWithTokenAsync(
        HttpClient client, string actionPath, string? token, params (string Name, string Value)[] fields)
    {
        var pairs = fields.Select(f => KeyValuePair.Create(f.Name, f.Value)).ToList();
        if (token is not null)
        {
            pairs.Add(KeyValuePair.Create("__csrf", token));
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, actionPath) { Content = new FormUrlEncodedContent(pairs) };
        return await client.SendAsync(request.AsBrowser());
    }

    [GeneratedRegex("name=\"__csrf\" value=\"(?<token>[^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
