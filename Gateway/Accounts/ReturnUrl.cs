using Gateway.Hosting.Options;
using Gateway.RequestPath.Checks;

namespace Gateway.Accounts;

/// <summary>
/// Decides where to send a browser after sign-in. Only a path on this host is honoured; anything a browser could
/// resolve to another host or scheme falls back to "/" (open redirects, CWE-601).
/// </summary>
internal static class ReturnUrl
{
    public const string Fallback = "/";
    private const int MaxLength = 2048;
    private static readonly Uri Probe = new("http://gateway.invalid/");

    /// <summary>The value itself when it is a safe local path that is not one of <paramref name="excluded"/>, else "/".</summary>
    public static string Sanitize(string? value, params ReadOnlySpan<string> excluded)
    {
        if (!TryResolveLocal(value, out var resolved))
        {
            return Fallback;
        }

        // The path the browser will request, dot segments resolved: "/auth/./login" is the login page too.
        var path = Uri.UnescapeDataString(resolved.AbsolutePath).TrimEnd('/');
        foreach (var loop in excluded)
        {
            if (path.Equals(loop, StringComparison.OrdinalIgnoreCase)
                || path.StartsWith(loop + "/", StringComparison.OrdinalIgnoreCase))
            {
                return Fallback;
            }
        }

        return value!;
    }

    /// <summary>Where to go after signing in: never back to a sign-in, sign-out or register page, which would loop.</summary>
    public static string AfterSignIn(string? value, GatewayOptions options) =>
        Sanitize(value, options.LoginPath, options.LogoutPath, options.RegisterPath);

    public static bool IsLocal(string? value) => TryResolveLocal(value, out _);

    private static bool TryResolveLocal(string? value, out Uri resolved)
    {
        resolved = Probe;
        if (string.IsNullOrEmpty(value) || value.Length > MaxLength || !IsSafeLocalForm(value))
        {
            return false;
        }

        // Encoded variants ("/%2F%2Fevil", "/%5Cevil", "%09") must not hide a host once some layer decodes them.
        if (!PercentDecoding.Layers(value, maxRounds: 3).All(IsSafeLocalForm))
        {
            return false;
        }

        // Last line: resolved against a base the way a browser resolves Location, the host must not change.
        return Uri.TryCreate(Probe, value, out resolved!)
            && resolved.Host == Probe.Host
            && resolved.Scheme == Probe.Scheme;
    }

    private static bool IsSafeLocalForm(string value)
    {
        if (value.Length == 0 || value[0] != '/')
        {
            return false;
        }

        // "//host" and "/\host" are scheme-relative to browsers (WHATWG URL treats "\" as "/").
        if (value.Length > 1 && value[1] is '/' or '\\')
        {
            return false;
        }

        foreach (var c in value)
        {
            // Controls and spaces are stripped or mangled by browsers; "\" becomes "/"; non-ASCII cannot go in Location.
            if (c <= ' ' || c >= '\u007f' || c == '\\')
            {
                return false;
            }
        }

        return true;
    }
}
