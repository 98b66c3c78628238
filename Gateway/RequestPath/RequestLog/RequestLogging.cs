using System.Diagnostics;
using Gateway.RequestPath.Identity;
using Gateway.Tokens;
using Microsoft.AspNetCore.Http.Features;
using Serilog.Events;
using Serilog.Parsing;
using Yarp.ReverseProxy.Model;

namespace Gateway.RequestPath.RequestLog;

/// <summary>
/// One line per request: method, path (no query string), status, elapsed, route, user id, client address (from a
/// trusted load balancer, the one it forwarded) and the W3C trace id, the
/// one a traced backend receives in traceparent, so a line can be matched with the backend's and a trace. The same
/// event Serilog's UseSerilogRequestLogging wrote (template, properties, level, source context), built directly: no
/// diagnostic-context collector in an AsyncLocal, no enrichment callback, one property array.
/// </summary>
internal sealed class RequestLogging(RequestDelegate next, Serilog.ILogger logger)
{
    /// <summary>Serilog's own source context, so a Serilog section that filters on it keeps working.</summary>
    public const string SourceContext = "Serilog.AspNetCore.RequestLoggingMiddleware";

    public static readonly MessageTemplate Template = new MessageTemplateParser().Parse(
        "HTTP {RequestMethod} {RequestPath} responded {StatusCode} in {Elapsed:0.0} ms (route {RouteId}, user {UserId}) from {ClientAddress} trace {TraceId}");

    private static readonly ScalarValue None = new("-");

    private readonly Serilog.ILogger _logger = logger.ForContext(Serilog.Core.Constants.SourceContextPropertyName, SourceContext);

    public async Task InvokeAsync(HttpContext context)
    {
        var start = Stopwatch.GetTimestamp();
        try
        {
            await next(context);
            Write(context, context.Response.StatusCode, Stopwatch.GetElapsedTime(start).TotalMilliseconds, null);
        }
        catch (Exception ex) when (Write(context, StatusCodes.Status500InternalServerError, Stopwatch.GetElapsedTime(start).TotalMilliseconds, ex))
        {
            // Never caught: Write returns false, so the exception goes on as it was (Serilog's middleware does the same).
        }
    }

    private bool Write(HttpContext context, int statusCode, double elapsedMs, Exception? exception)
    {
        var level = exception is not null || context.Response.StatusCode > 499 ? LogEventLevel.Error : LogEventLevel.Information;
        if (!_logger.IsEnabled(level))
        {
            return false;
        }

        var endpoint = context.GetEndpoint();
        var routeId = endpoint?.Metadata.GetMetadata<RouteModel>()?.Config.RouteId ?? endpoint?.DisplayName;
        var userId = ForwardedIdentity.Of(context.User) is { } identity
            ? identity.UserId
            : context.User.FindFirst(GatewayClaims.Subject)?.Value;
        // The hosting layer starts the request's activity whenever it logs (always here), traced or not; its hex id is
        // already a string, so this allocates nothing.
        var traceId = Activity.Current?.TraceId.ToHexString();
        // Room for the enrichers' SourceContext too, so the dictionary is never resized.
        var properties = new Dictionary<string, LogEventPropertyValue>(9)
        {
            ["RouteId"] = routeId is null ? None : new ScalarValue(routeId),
            ["UserId"] = userId is null ? None : new ScalarValue(userId),
            ["ClientAddress"] = context.Connection.RemoteIpAddress is { } address ? new ScalarValue(address.ToString()) : None,
            ["TraceId"] = traceId is null ? None : new ScalarValue(traceId),
            ["RequestMethod"] = new ScalarValue(context.Request.Method),
            ["RequestPath"] = new ScalarValue(PathOf(context)),
            ["StatusCode"] = new ScalarValue(statusCode),
            ["Elapsed"] = new ScalarValue(elapsedMs),
        };
        var activity = Activity.Current;
        _logger.Write(LogEvent.UnstableAssembleFromParts(DateTimeOffset.Now, level, exception, Template, properties,
            activity?.TraceId ?? default, activity?.SpanId ?? default));
        return false;
    }

    private static string PathOf(HttpContext context) =>
        context.Features.Get<IHttpRequestFeature>()?.Path is { Length: > 0 } path ? path : context.Request.Path.ToString();
}
