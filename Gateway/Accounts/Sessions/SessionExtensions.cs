using Gateway.RequestPath.Token;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Gateway.Accounts.Sessions;

internal static class SessionExtensions
{
    /// <summary>Sessions on the token cookie: sliding refresh up to a maximum lifetime, and "Keep me signed in".</summary>
    public static IServiceCollection AddSessions(this IServiceCollection services)
    {
        services.TryAddSingleton<SessionPolicy>();
        services.TryAddSingleton<RememberMeCredential>();
        services.TryAddSingleton<SessionRefresh>();
        services.TryAddSingleton<ISessionContinuation>(provider => provider.GetRequiredService<SessionRefresh>());
        services.TryAddSingleton<SessionStarter>();
        return services;
    }
}
