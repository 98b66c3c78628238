using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Gateway.Hosting.Options;

internal static class GatewayOptionsExtensions
{
    public static IServiceCollection AddGatewayOptions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<GatewayOptions>()
            .Bind(configuration.GetSection(GatewayOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        DataFolder.EnsureWritable(configuration);
        services.TryAddSingleton<DataFolder>();
        services.TryAddSingletonTimeProvider();
        return services;
    }

    /// <summary>Binds <typeparamref name="TOptions"/> to <c>Gateway:{section}</c> and validates it when the host starts.</summary>
    public static OptionsBuilder<TOptions> AddGatewaySection<TOptions>(this IServiceCollection services, string section)
        where TOptions : class
    {
        return services.AddOptions<TOptions>()
            .BindConfiguration($"{GatewayOptions.SectionName}:{section}")
            .ValidateDataAnnotations()
            .ValidateOnStart();
    }

    private static void TryAddSingletonTimeProvider(this IServiceCollection services)
    {
        if (!services.Any(d => d.ServiceType == typeof(TimeProvider)))
        {
            services.AddSingleton(TimeProvider.System);
        }
    }
}
