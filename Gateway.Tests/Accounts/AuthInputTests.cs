using System.Net;
using System.Net.Http.Headers;
using System.Text;

using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Accounts;

/// <summary>Malformed, oversized or mistyped bodies on the /auth posts get a 4xx that says what to send, never a 500.</summary>
public sealed class AuthInputTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    public static TheoryData<string> Endpoints => new() { "/auth/login", "/auth/register" };

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Post_TextPlain_Returns415(string path)
    {
        using var response = await PostAsync(path, "username=a&password=b", "text/plain");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("unsupported_media_type", await response.ErrorCodeAsync());
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Post_NoContentType_Returns415(string path)
    {
        using var client = fixture.Gateway.CreateClient();
        using var content = new ByteArrayContent("{}"u8.ToArray());

        using var response = await client.PostAsync(path, content);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Theory]
    [InlineData("/auth/login", "{\"username\": \"a\", ")]
    [InlineData("/auth/login", "not json")]
    [InlineData("/auth/register", "{\"username\": 'single quotes'}")]
    [InlineData("/auth/register", "")]
    public async Task Post_MalformedJson_Returns400(string path, string body)
    {
        using var response = await PostAsync(path, body, "application/json");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_json", await response.ErrorCodeAsync());
    }

    [Theory]
    [InlineData("/auth/login", "[\"username\", \"password\"]")]
    [InlineData("/auth/login", "\"username\"")]
    [InlineData("/auth/login", "42")]
    [InlineData("/auth/login", "null")]
    [InlineData("/auth/login", "{\"username\": 1, \"password\": 2}")]
    [InlineData("/auth/login", "{\"username\": [\"a\"], \"password\": \"b\"}")]
    [InlineData("/auth/register", "{\"username\": {\"$ne\": null}, \"password\": \"correct horse\"}")]
    [InlineData("/auth/register", "{\"username\": \"someone\", \"password\": true}")]
    [InlineData("/auth/register", "[]")]
    public async Task Post_JsonOfWrongShape_Returns400(string path, string body)
    {
        using var response = await PostAsync(path, body, "application/json");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_json", await response.ErrorCodeAsync());
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Post_JsonOver8KB_Returns413(string path)
    {
        var body = $"{{\"username\": \"someone\", \"password\": \"{new string('x', 9000)}\"}}";

        using var response = await PostAsync(path, body, "application/json");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("body_too_large", await response.ErrorCodeAsync());
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Post_ChunkedJsonOver8KB_Returns413(string path)
    {
        // No Content-Length: the cap must hold while the body streams in.
        using var client = fixture.Gateway.CreateClient();
        var bytes = Encoding.UTF8.GetBytes($"{{\"username\": \"someone\", \"password\": \"{new string('x', 20000)}\"}}");
        using var content = new StreamContent(new MemoryStream(bytes));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = Requests.Post(path, content);
        request.Headers.TransferEncodingChunked = true;

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Post_FormOver8KB_Returns413(string path)
    {
        using var response = await PostAsync(path, "username=someone&password=" + new string('x', 9000),
            "application/x-www-form-urlencoded");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Post_FormWithRepeatedField_Returns400(string path)
    {
        using var response = await PostAsync(path, "username=a&username=b&password=c", "application/x-www-form-urlencoded");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_form", await response.ErrorCodeAsync());
    }

    [Fact]
    public async Task Post_BrowserSendingBadInput_GetsHtmlPage()
    {
        using var client = fixture.Gateway.CreateClient();
        using var content = new StringContent("oops", Encoding.UTF8, "text/plain");

        using var response = await client.SendAsync(Requests.Post("/auth/login", content).AsBrowser());

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("Exception", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_JsonWithExtraFields_IsAnsweredNormally()
    {
        using var response = await PostAsync("/auth/login",
            "{\"username\": \"nobody-here\", \"password\": \"wrong password\", \"remember\": null}", "application/json");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private async Task<HttpResponseMessage> PostAsync(string path, string body, string mediaType)
    {
        using var client = fixture.Gateway.CreateClient();
        using var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        return await client.PostAsync(path, content);
    }
}
