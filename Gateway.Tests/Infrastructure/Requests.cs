using System.Net.Http.Headers;

namespace Gateway.Tests.Infrastructure;

internal static class Requests
{
    /// <summary>A top-level navigation: the browser accepts HTML first.</summary>
    public static HttpRequestMessage AsBrowser(this HttpRequestMessage request)
    {
        request.Headers.Accept.ParseAdd("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
        return request;
    }

    /// <summary>A script or service: it asks for JSON.</summary>
    public static HttpRequestMessage AsApi(this HttpRequestMessage request)
    {
        request.Headers.Accept.ParseAdd("application/json");
        return request;
    }

    public static HttpRequestMessage WithBearer(this HttpRequestMessage request, string token)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }

    public static HttpRequestMessage WithHeader(this HttpRequestMessage request, string name, string value)
    {
        Assert.True(request.Headers.TryAddWithoutValidation(name, value), $"HttpClient refused the header {name}.");
        return request;
    }

    /// <summary>The Host header the request names, whatever address it is sent to.</summary>
    public static HttpRequestMessage WithHost(this HttpRequestMessage request, string host)
    {
        request.Headers.Host = host;
        return request;
    }

    public static HttpRequestMessage Get(string path) => new(HttpMethod.Get, path);

    public static HttpRequestMessage Post(string path, HttpContent? content = null) =>
        new(HttpMethod.Post, path) { Content = content };
}
