using Gateway.Accounts.Passwords;
using Gateway.Accounts.Registration;
using Gateway.Accounts.SecondFactor;
using Gateway.Accounts.Sessions;
using Gateway.Accounts.SignIn;
using Gateway.Administration.WebPage;
using Gateway.ForwardAuth;
using Gateway.Hosting.Options;
using Gateway.Responses;
using Microsoft.Extensions.Options;

namespace Gateway.Hosting;

internal static class AuthEndpoints
{
    /// <summary>The gateway's own paths, all under one prefix (default /auth) so they never shadow a backend's /login.</summary>
    public static IEndpointRouteBuilder MapAuthEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var gateway = endpoints.ServiceProvider.GetRequiredService<IOptions<GatewayOptions>>().Value;
        var prefix = gateway.PathPrefix;
        var group = endpoints.MapGroup(prefix).AllowAnonymous();

        group.MapLogin();
        group.MapRegister();
        group.MapLogout();
        group.MapRefresh();
        group.MapMe();
        group.MapPassword();
        group.MapVerify();
        group.MapTotp();
        group.MapSecondStep();
        endpoints.MapAdminPage(gateway.AdminPath);
        // Not MapFallback: a fallback loses to a yarp.json catch-all route, which would forward the gateway's own
        // prefix to the backend. This route outranks "{**catch-all}" by its literal prefix segment.
        group.Map("/{**path}", NotFoundAsync);
        return endpoints;
    }

    private static readonly HttpError NotFound = HttpError.Of(StatusCodes.Status404NotFound,
        "not_found", "There is no such page here. Check the address, or go back to the home page.");

    private static Task NotFoundAsync(HttpContext context, Replies replies) => replies.ErrorAsync(context, NotFound);
}
