using Gateway.Responses;
using Microsoft.AspNetCore.Http;

namespace Gateway.Tests.Responses;

public sealed class RequestKindTests
{
    private const string ChromeNavigation =
        "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8";

    [Theory]
    [InlineData(ChromeNavigation, null, null, "Browser")]
    [InlineData(ChromeNavigation, "application/x-www-form-urlencoded", null, "Form")]
    [InlineData(ChromeNavigation, "multipart/form-data; boundary=x", null, "Form")]
    [InlineData("text/html", "application/json", null, "Api")]
    [InlineData(ChromeNavigation, null, "XMLHttpRequest", "Api")]
    [InlineData("application/json", "application/x-www-form-urlencoded", null, "Api")]
    [InlineData("application/json", null, null, "Api")]
    [InlineData("application/problem+json", null, null, "Api")]
    [InlineData("*/*", "application/x-www-form-urlencoded", null, "Api")]
    [InlineData(null, "application/x-www-form-urlencoded", null, "Api")]
    [InlineData("*/*", null, null, "Api")]
    [InlineData(null, null, null, "Api")]
    [InlineData("application/json, text/html", null, null, "Api")]
    [InlineData("text/html, application/json", null, null, "Browser")]
    [InlineData("text/html;q=0.5, application/json", null, null, "Api")]
    [InlineData("application/json;q=0.5, text/html", null, null, "Browser")]
    [InlineData("text/html;q=0", null, null, "Api")]
    public void Of_AcceptBodyAndXhr_DecidePageOrJson(string? accept, string? contentType, string? requestedWith, string expected)
    {
        var request = new DefaultHttpContext().Request;
        if (accept is not null)
        {
            request.Headers.Accept = accept;
        }

        request.ContentType = contentType;
        if (requestedWith is not null)
        {
            request.Headers.XRequestedWith = requestedWith;
        }

        Assert.Equal(Enum.Parse<RequestKind>(expected), RequestKinds.Of(request));
    }
}
