using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Gateway.Administration.WebPage;

internal static class AdminPageExtensions
{
    /// <summary>The admin page over <see cref="UserAdministration"/>; its endpoints are mapped with the gateway's own paths.</summary>
    public static IServiceCollection AddAdminPage(this IServiceCollection services)
    {
        services.TryAddSingleton<AdminPageView>();
        return services;
    }
}
