using Gateway.Hosting.Options;
using Gateway.RequestPath.Token;
using Gateway.Tests.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Gateway.Tests.RequestPath.Token;

public sealed class CookieConflictLogTests
{
    [Fact]
    public async Task MessageReceived_TwoTokenCookies_LogsAWarningWithoutTheTokens()
    {
        var logger = new RecordingLogger<GatewayTokenEvents>();
        var cookies = new TokenCookies(Options.Create(new TokenCookieOptions()), TimeProvider.System);
        // Revocation, cache, challenges and refresh are not reached: no token is taken from conflicting cookies.
        var events = new GatewayTokenEvents(cookies, null!, null!, null!, null!, TimeProvider.System, logger);
        var http = new DefaultHttpContext();
        var (alice, mallory) = (TestTokens.Valid("alice"), TestTokens.Valid("mallory"));
        http.Request.Headers.Cookie = $"gateway_token={alice}; gateway_token={mallory}";
        var context = new MessageReceivedContext(
            http, new AuthenticationScheme("GatewayToken", null, typeof(JwtBearerHandler)), new JwtBearerOptions());

        await events.MessageReceived(context);

        Assert.Null(context.Token);
        Assert.True(http.Features.Get<IGatewayRequestFeature>()?.CookieConflict == true);
        var entry = Assert.Single(logger.Entries);
        Assert.Equal(LogLevel.Warning, entry.Level);
        Assert.Equal(2201, entry.EventId.Id);
        Assert.Contains("cookie tossing", entry.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(alice, entry.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(mallory, entry.Message, StringComparison.Ordinal);
    }
}
