using Microsoft.AspNetCore.Authorization;

namespace Gateway.ForwardAuth;

/// <summary>
/// The policy a <c>?policy=</c> names, from the application's policy provider, so it means on /auth/verify what it means
/// on a route: a <c>Gateway:Policies</c> name, <c>gateway:admin</c>, <c>default</c>, or none (the fallback policy).
/// </summary>
internal static class ForwardAuthPolicy
{
    public const string QueryName = "policy";

    /// <summary>The policy to apply; null when the query names one that does not exist (or names several).</summary>
    public static async Task<AuthorizationPolicy?> FindAsync(HttpRequest request, IAuthorizationPolicyProvider provider)
    {
        var names = request.Query[QueryName];
        if (names.Count == 0)
        {
            return await provider.GetFallbackPolicyAsync() ?? await provider.GetDefaultPolicyAsync();
        }

        if (names.Count > 1 || string.IsNullOrEmpty(names[0]))
        {
            return null;
        }

        var name = names[0]!;
        // "default" is YARP's name for the default policy, not a registered one; "anonymous" has no policy at all, and
        // a proxy location that needs no sign-in should not ask.
        return name.Equals("default", StringComparison.OrdinalIgnoreCase)
            ? await provider.GetDefaultPolicyAsync()
            : await provider.GetPolicyAsync(name);
    }

    /// <summary>The name as the request gave it, for the error and the log line.</summary>
    public static string NameOf(HttpRequest request) => request.Query[QueryName].ToString();
}
