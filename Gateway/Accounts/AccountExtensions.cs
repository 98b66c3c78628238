using Gateway.Pages;
using Gateway.Telemetry;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Gateway.Accounts;

internal static class AccountExtensions
{
    /// <summary>The account core: password hashing on its own threads, and the account checks every slice uses.</summary>
    public static IServiceCollection AddAccounts(this IServiceCollection services)
    {
        services.TryAddSingleton(provider => HashingThreads.For(
            provider.GetRequiredService<IOptions<UserOptions>>().Value, provider.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<IHashingQueue>(provider => provider.GetRequiredService<HashingThreads>());
        services.TryAddSingleton<PasswordHashing>();
        services.TryAddSingleton<UserAccounts>();
        services.TryAddSingleton(provider => new LayoutLinks(provider.GetRequiredService<IOptions<UserOptions>>().Value.AllowRegistration));
        services.AddHostedService<PasswordHashingStartupNotice>();
        return services;
    }
}
