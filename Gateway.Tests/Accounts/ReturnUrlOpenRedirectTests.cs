using System.Net;
using System.Text;

using Gateway.Accounts;
using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Accounts;

/// <summary>
/// oauth2-proxy's 559 open-redirect payloads (Gateway.Tests/TestData/openredirects.txt), each used as a returnUrl as it is
/// and URL-decoded once: none may yield a redirect a browser resolves to another host or a non-http(s) scheme.
/// </summary>
public sealed class ReturnUrlOpenRedirectTests
{
    private const string FileName = "openredirects.txt";
    private const int DocumentedPayloadCount = 559;
    private static readonly Uri Origin = new("https://gateway.example/");
    private static readonly string[] GatewayPaths = ["/auth/login", "/auth/logout", "/auth/register"];

    [Fact]
    public void PayloadFile_Read_HasEveryDocumentedPayload() =>
        Assert.Equal(DocumentedPayloadCount, TestData.Lines(FileName).Length);

    [Fact]
    public void Sanitize_EveryPayloadAsSent_StaysOnThisHost() =>
        AssertNoneEscape(TestData.Lines(FileName));

    [Fact]
    public void Sanitize_EveryPayloadUrlDecodedOnce_StaysOnThisHost() =>
        AssertNoneEscape(TestData.Lines(FileName).Select(WebUtility.UrlDecode).OfType<string>());

    private static void AssertNoneEscape(IEnumerable<string> payloads)
    {
        var escapes = new StringBuilder();
        var checkedCount = 0;
        foreach (var payload in payloads)
        {
            checkedCount++;
            var result = ReturnUrl.Sanitize(payload, GatewayPaths);
            if (result != "/" && (result != payload || !BrowserKeepsOnOrigin(result)))
            {
                escapes.AppendLine(Describe(payload, result));
            }
        }

        Assert.True(checkedCount > 0, "No payloads were read.");
        Assert.True(escapes.Length == 0, "These returnUrls would leave the gateway's host:\n" + escapes);
    }

    /// <summary>
    /// Where a browser would go for this Location, following the WHATWG URL parser rather than System.Uri: leading
    /// and trailing C0 controls and spaces are trimmed, tabs and newlines removed, "\" read as "/".
    /// </summary>
    private static bool BrowserKeepsOnOrigin(string location)
    {
        var cleaned = new string([.. location.Trim(Enumerable.Range(0, 0x21).Select(c => (char)c).ToArray())
            .Where(c => c is not ('\t' or '\n' or '\r'))
            .Select(c => c == '\\' ? '/' : c)]);

        if (cleaned.StartsWith("//", StringComparison.Ordinal))
        {
            return false;
        }

        var colon = cleaned.IndexOf(':', StringComparison.Ordinal);
        var firstSlash = cleaned.IndexOf('/', StringComparison.Ordinal);
        if (colon >= 0 && (firstSlash < 0 || colon < firstSlash))
        {
            // Has a scheme: only http(s) to this very host would do, and a returnUrl never needs one.
            return false;
        }

        return Uri.TryCreate(Origin, cleaned, out var resolved)
            && resolved.Scheme == Origin.Scheme
            && resolved.Authority == Origin.Authority;
    }

    private static string Describe(string payload, string result) =>
        $"  {Escape(payload)}  ->  {Escape(result)}";

    private static string Escape(string value) =>
        string.Concat(value.Select(c => c is < ' ' or > '~' ? $"\\u{(int)c:x4}" : c.ToString()));
}
