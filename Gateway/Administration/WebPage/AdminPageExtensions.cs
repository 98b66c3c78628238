using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Gateway.Administration.WebPage;

internal static class AdminPageExtensions
{
    /// <summary>The admin page over <see cref="UserAdministration"/>; its endpoints are mapped with the gateway's own paths.</summary>
    public static IServiceCollection AddAdminPage(this IServiceCollection services)
    {
        services.TryAddSingleton<AdminPageView>();

        // The admin API asks it too; registered here, with the server's services, as the command line has no self.
        services.TryAddSingleton<OwnCredentialsCheck>();
        return services;
    }
}
