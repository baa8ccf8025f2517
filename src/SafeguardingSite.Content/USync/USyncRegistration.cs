using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SafeguardingSite.Content.Hosting;
using SafeguardingSite.Platform.Commands;

namespace SafeguardingSite.Content.USync;

/// <summary>Schema and starter content as uSync-format files: imported on first boot and on demand, exported by command.</summary>
public static class USyncRegistration
{
    public static IServiceCollection AddUSync(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<USyncLocation>();
        services.AddSingleton<USyncImporter>();
        services.AddSingleton<USyncExporter>();
        services.AddTransient<IContentStartupStep, USyncFirstBootImport>();
        services.AddTransient<ISiteCommand, USyncImportCommand>();
        services.AddTransient<ISiteCommand, USyncExportCommand>();
        return services;
    }
}
