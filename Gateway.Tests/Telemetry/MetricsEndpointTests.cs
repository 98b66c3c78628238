using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Gateway.Hosting;
using Gateway.Tests.Infrastructure;
using Gateway.Tests.RequestPath.Policies;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Gateway.Tests.Telemetry;

/// <summary>Gateway:Metrics:Url: Prometheus text on its own listener, nothing of it on the main one.</summary>
[Collection(ProcessWideMeters.Name)]
public sealed class MetricsEndpointTests
{
    [Fact]
    public async Task Metrics_Unset_RegistersNoOpenTelemetry()
    {
        await using var backend = await SampleBackendServer.StartAsync();
        await using var gateway = await GatewayServer.StartAsync(backend.Address);

        Assert.Null(gateway.Services.GetService<MeterProvider>());
        Assert.Null(gateway.Services.GetService<TracerProvider>());
    }

    [Fact]
    public async Task Metrics_ProxiedAndRefusedRequests_AreCountedByDecision()
    {
        await using var backend = await SampleBackendServer.StartAsync();
        var metricsPort = ClosedPort.FreePort();
        await using var gateway = await GatewayServer.StartAsync(backend.Address, [("Gateway:Metrics:Url", $"http://127.0.0.1:{metricsPort}")]);
        using var client = gateway.CreateClient();

        using var allowed = await client.SendAsync(Requests.Get("/api/whoami").WithBearer(TestTokens.Valid("metrics-user")));
        using var anonymous = await client.GetAsync("/");
        using var unauthorized = await client.SendAsync(Requests.Get("/api/whoami").AsApi());
        using var redirected = await client.SendAsync(Requests.Get("/private").AsBrowser());
        using var expired = await client.SendAsync(Requests.Get("/api/whoami").WithBearer(TestTokens.Expired(TimeSpan.FromMinutes(5))));
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unauthorized.StatusCode);
        Assert.Equal(HttpStatusCode.Found, redirected.StatusCode);

        var text = await ScrapeAsync(metricsPort);

        Assert.Equal(2, Sample(text, "gateway_auth_decisions_total", "result=\"allowed\""));
        Assert.Equal(1, Sample(text, "gateway_auth_decisions_total", "result=\"unauthorized\""));
        Assert.Equal(1, Sample(text, "gateway_auth_decisions_total", "result=\"redirected\""));
        Assert.Equal(1, Sample(text, "gateway_auth_decisions_total", "result=\"expired\""));
        // ASP.NET Core's own request duration, by route and status; System.Net.Http's for YARP's call to the backend.
        Assert.Matches(new Regex("http_server_request_duration_seconds_count\\{[^}]*http_response_status_code=\"200\"[^}]*http_route=\"\\{\\*\\*catch-all\\}\""), text);
        Assert.Contains("http_client_request_duration_seconds_count{", text, StringComparison.Ordinal);
        Assert.Contains("gateway_revocation_entries{", text, StringComparison.Ordinal);
        Assert.Contains("gateway_password_hash_queued{", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_RevokedTokenAndMissingRole_AreCountedApart()
    {
        await using var backend = await SampleBackendServer.StartAsync();
        var metricsPort = ClosedPort.FreePort();
        await using var gateway = await GatewayServer.StartAsync(backend.Address,
            [.. RoutePolicyFixture.Policies, ("Gateway:Metrics:Url", $"http://127.0.0.1:{metricsPort}")],
            RoutePolicyFixture.Routes());
        using var client = gateway.CreateClientWithoutCookieJar();
        var user = await TestUsers.RegisterAsync(client);
        var token = await TestUsers.LoginAsync(client, user.Username);

        using var forbidden = await client.SendAsync(Requests.Get("/staff/page").WithBearer(token).AsApi());
        using var logout = await client.SendAsync(Requests.Post("/auth/logout").WithBearer(token).AsApi());
        using var revoked = await client.SendAsync(Requests.Get("/api/whoami").WithBearer(token).AsApi());
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.True(logout.IsSuccessStatusCode, $"logout answered {(int)logout.StatusCode}");
        Assert.Equal(HttpStatusCode.Unauthorized, revoked.StatusCode);

        var text = await ScrapeAsync(metricsPort);

        Assert.Equal(1, Sample(text, "gateway_auth_decisions_total", "result=\"forbidden\""));
        Assert.Equal(1, Sample(text, "gateway_auth_decisions_total", "result=\"revoked\""));
        // A logout revokes the token's session (sid), not just the token.
        Assert.Equal(1, Sample(text, "gateway_revocation_entries", "kind=\"session\""));
    }

    [Fact]
    public async Task Metrics_LoginsAndRegistrations_AreCountedByResult()
    {
        await using var backend = await SampleBackendServer.StartAsync();
        var metricsPort = ClosedPort.FreePort();
        await using var gateway = await GatewayServer.StartAsync(backend.Address, [("Gateway:Metrics:Url", $"http://127.0.0.1:{metricsPort}")]);
        using var client = gateway.CreateClient();

        var user = await TestUsers.RegisterAsync(client);
        await TestUsers.LoginAsync(client, user.Username);
        using var wrong = await client.SendAsync(Requests.Post("/auth/login",
            JsonContent(new JsonObject { ["username"] = user.Username, ["password"] = "not the password" })).AsApi());
        using var taken = await client.SendAsync(Requests.Post("/auth/register",
            JsonContent(new JsonObject { ["username"] = user.Username, ["password"] = TestUsers.Password })).AsApi());
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, taken.StatusCode);

        var text = await ScrapeAsync(metricsPort);

        Assert.Equal(1, Sample(text, "gateway_logins_total", "result=\"succeeded\""));
        Assert.Equal(1, Sample(text, "gateway_logins_total", "result=\"failed\""));
        Assert.Equal(1, Sample(text, "gateway_registrations_total", "result=\"succeeded\""));
        Assert.Equal(1, Sample(text, "gateway_registrations_total", "result=\"taken\""));
        // One hash per attempt: the taken name's too, computed before the insert finds the name taken.
        Assert.Equal(4, Sample(text, "gateway_password_hash_duration_seconds_count", ""));
    }

    [Fact]
    public async Task Metrics_RateLimitedLogin_IsCountedAsThrottled()
    {
        await using var backend = await SampleBackendServer.StartAsync();
        var metricsPort = ClosedPort.FreePort();
        await using var gateway = await GatewayServer.StartAsync(backend.Address,
            [("Gateway:Metrics:Url", $"http://127.0.0.1:{metricsPort}"), ("Gateway:RateLimit:AttemptsPerMinute", "1")]);
        using var client = gateway.CreateClient();
        var body = new JsonObject { ["username"] = "nobody", ["password"] = "wrong password" };

        using var first = await client.SendAsync(Requests.Post("/auth/login", JsonContent(body)).AsApi());
        using var second = await client.SendAsync(Requests.Post("/auth/login", JsonContent(body)).AsApi());
        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);

        var text = await ScrapeAsync(metricsPort);

        Assert.Equal(1, Sample(text, "gateway_logins_total", "result=\"failed\""));
        Assert.Equal(1, Sample(text, "gateway_logins_total", "result=\"throttled\""));
    }

    [Fact]
    public async Task MetricsPort_AnyOtherPathOrHost_AnswersOnlyMetrics()
    {
        await using var backend = await SampleBackendServer.StartAsync();
        var metricsPort = ClosedPort.FreePort();
        await using var gateway = await GatewayServer.StartAsync(backend.Address, [("Gateway:Metrics:Url", $"http://127.0.0.1:{metricsPort}")]);
        using var metrics = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{metricsPort}") };

        // The main listener's host filtering and authentication do not apply here: a scraper names any host.
        using var otherHost = await metrics.SendAsync(Requests.Get("/metrics").WithHost("prometheus.internal"));
        using var login = await metrics.GetAsync("/auth/login");
        using var proxied = await metrics.GetAsync("/");
        using var health = await metrics.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, otherHost.StatusCode);
        Assert.StartsWith("text/plain", otherHost.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, login.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, proxied.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, health.StatusCode);
    }

    [Fact]
    public async Task MainPort_Metrics_IsNotServed()
    {
        await using var backend = await SampleBackendServer.StartAsync();
        var metricsPort = ClosedPort.FreePort();
        var routes = new JsonObject { ["public"] = GatewayServer.Route("/public/{**rest}", "anonymous") };
        await using var gateway = await GatewayServer.StartAsync(backend.Address,
            [("Gateway:Metrics:Url", $"http://127.0.0.1:{metricsPort}")], routes);
        using var client = gateway.CreateClient();

        // Signed in, so the fallback policy does not answer 401 first: no route, and the gateway itself serves nothing.
        using var response = await client.SendAsync(Requests.Get("/metrics").WithBearer(TestTokens.Valid("metrics-user")));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("gateway_", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.NotEqual(metricsPort, gateway.Address.Port);
    }

    [Fact]
    public async Task Metrics_UrlNotHttp_StopsStartUpNamingTheSetting()
    {
        await using var backend = await SampleBackendServer.StartAsync();

        var failure = await Assert.ThrowsAnyAsync<Exception>(() =>
            GatewayServer.StartAsync(backend.Address, [("Gateway:Metrics:Url", "https://127.0.0.1:9464")]));

        Assert.Contains("Gateway:Metrics:Url", StartupProblem.Find(failure), StringComparison.Ordinal);
    }


    internal static async Task<string> ScrapeAsync(int port)
    {
        using var client = new HttpClient();
        using var response = await client.GetAsync($"http://127.0.0.1:{port}/metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>The value of the one sample of <paramref name="name"/> whose labels include <paramref name="label"/>.</summary>
    private static double Sample(string text, string name, string label)
    {
        var values = text.Split('\n')
            .Where(line => line.StartsWith(name + "{", StringComparison.Ordinal) || line.StartsWith(name + " ", StringComparison.Ordinal))
            .Where(line => line.Contains(label, StringComparison.Ordinal))
            .Select(line => double.Parse(line.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture))
            .ToList();
        Assert.True(values.Count == 1, $"Expected one {name} sample with {label}, found {values.Count} in:\n{text}");
        return values[0];
    }

    private static StringContent JsonContent(JsonObject body) =>
        new(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json");
}
