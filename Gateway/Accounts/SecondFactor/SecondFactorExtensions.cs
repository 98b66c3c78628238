using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Gateway.Accounts.SecondFactor;

internal static class SecondFactorExtensions
{
    /// <summary>TOTP enrolment and checks, the sign-in challenge, and the policy requirement.</summary>
    public static IServiceCollection AddSecondFactor(this IServiceCollection services)
    {
        services.TryAddSingleton<SecretProtection>();
        services.TryAddSingleton<WrongCodeLimit>();
        services.TryAddSingleton<LoginChallenges>();
        services.TryAddSingleton<SecondFactors>();
        services.TryAddSingleton<TotpEndpoints.TotpPost>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAuthorizationHandler, SecondFactorRequirementHandler>());
        return services;
    }
}
