using System.Runtime.CompilerServices;
using System.Security.Claims;

using Gateway.Tokens;

namespace Gateway.RequestPath.Identity;

/// <summary>
/// What the identity headers and the request log say about a signed-in principal, read from its claims once: the
/// validated-token cache hands the same principal to every request with that token, and each claim lookup would
/// allocate a predicate and enumerators on every request. Remembered beside the principal, so it goes with it.
/// </summary>
/// <param name="Name">The name claim made header-safe (<see cref="IdentityForwarding.HeaderSafe"/>); null when empty.</param>
/// <param name="Login">The username, made header-safe the same way; null when the token carries none.</param>
/// <param name="Roles">The valid roles joined by commas (<see cref="IdentityForwarding.RoleList"/>).</param>
internal sealed record ForwardedIdentity(string? UserId, string? Name, string? Login, string Roles)
{
    private static readonly ConditionalWeakTable<ClaimsPrincipal, ForwardedIdentity> Known = new();

    /// <returns>Null when the principal's identity is not authenticated (an anonymous request).</returns>
    public static ForwardedIdentity? Of(ClaimsPrincipal user)
    {
        if (Known.TryGetValue(user, out var known))
        {
            return known;
        }

        return user.Identity?.IsAuthenticated == true ? Known.GetValue(user, static principal => Read(principal)) : null;
    }

    private static ForwardedIdentity Read(ClaimsPrincipal user) => new(
        user.FindFirst(GatewayClaims.Subject)?.Value,
        user.FindFirst(GatewayClaims.Name)?.Value is { Length: > 0 } name ? IdentityForwarding.HeaderSafe(name) : null,
        user.FindFirst(GatewayClaims.PreferredUsername)?.Value is { Length: > 0 } login ? IdentityForwarding.HeaderSafe(login) : null,
        IdentityForwarding.RoleList(user));
}
