using Gateway.Responses;

namespace Gateway.RequestPath.Checks;

/// <summary>
/// Refuses a path that a backend could resolve to another place than the one the gateway authorized. Kestrel already
/// resolves plain and %2E dot segments, but keeps "..%2F", "..%5C" and "..;" as ordinary text; nginx, servlet
/// containers and CGI-style servers decode or strip those and then climb out of a public prefix
/// ("/public/..;/admin", "Breaking Parser Logic", Black Hat 2018). A path that still holds a dot segment when read
/// that eagerly gets a 400 instead of being forwarded.
/// </summary>
internal sealed class AmbiguousPathRejection(RequestDelegate next, Replies replies)
{
    private const int MaxDecodingRounds = 4;

    private static readonly HttpError Ambiguous = HttpError.Of(StatusCodes.Status400BadRequest,
        "ambiguous_path", "The address contains an encoded or disguised \"..\" segment. Use the plain path instead.");

    public Task InvokeAsync(HttpContext context)
    {
        if (!IsAmbiguous(context.Request.Path.Value))
        {
            return next(context);
        }

        return replies.ErrorAsync(context, Ambiguous);
    }

    internal static bool IsAmbiguous(string? path)
    {
        // A dot segment needs a "." or, still encoded, a "%": most paths are done with after one scan.
        if (string.IsNullOrEmpty(path) || path.AsSpan().IndexOfAny('.', '%') < 0)
        {
            return false;
        }

        var eager = PercentDecoding.Layers(path, MaxDecodingRounds).LastOrDefault() ?? path;

        foreach (var segment in eager.Split('/', '\\'))
        {
            // Servlet containers drop ";parameters" from a segment before resolving it.
            var name = segment.Split(';')[0];
            if (name is "." or "..")
            {
                return true;
            }
        }

        return false;
    }
}

internal static class AmbiguousPathRejectionExtensions
{
    public static IApplicationBuilder UseAmbiguousPathRejection(this IApplicationBuilder app) =>
        app.UseMiddleware<AmbiguousPathRejection>();
}
