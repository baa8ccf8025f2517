using Microsoft.Extensions.Configuration.EnvironmentVariables;
using Microsoft.Extensions.Configuration.Json;
using SafeguardingSite.Platform.Data;
using SafeguardingSite.Platform.Mail;

namespace SafeguardingSite.Web.Configuration;

public static class SiteConfiguration
{
    /// <summary>
    /// Loads the repository-level appsettings.json (copied beside the app at build time) beneath environment variables
    /// and command-line arguments, and works out which database to use.
    /// </summary>
    public static DatabaseOptions AddSiteConfiguration(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var sources = builder.Configuration.Sources;
        var settingsFile = Path.Combine(AppContext.BaseDirectory, "site.appsettings.json");
        var position = sources.ToList().FindIndex(s => s is EnvironmentVariablesConfigurationSource);
        var json = new JsonConfigurationSource { Path = settingsFile, Optional = true, ReloadOnChange = false };
        json.ResolveFileProvider();
        sources.Insert(position < 0 ? 0 : position, json);

        var database = builder.Configuration.GetSection(DatabaseOptions.SectionName).Get<DatabaseOptions>() ?? new DatabaseOptions();
        database = ModuleDbContextRegistration.ResolveSqlitePath(database, builder.Environment.ContentRootPath);
        builder.Services.AddSingleton(database);
        return database;
    }

    public static IServiceCollection AddPlatformServices(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(TimeProvider.System);
        services.Configure<MailOptions>(configuration.GetSection(MailOptions.SectionName));
        // Mail backoff and idle timeouts are waits on the network, not site time (which tests freeze), so the sender gets the wall clock.
        services.AddSingleton<IMailSender>(sp => ActivatorUtilities.CreateInstance<MailKitMailSender>(sp, TimeProvider.System));
        services.AddProblemDetails();
        return services;
    }
}
