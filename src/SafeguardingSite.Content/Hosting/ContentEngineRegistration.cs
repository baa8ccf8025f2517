using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SafeguardingSite.Content.Data;
using SafeguardingSite.Content.Media;
using SafeguardingSite.Content.PropertyEditors;
using SafeguardingSite.Content.Published;
using SafeguardingSite.Content.Scheduling;
using SafeguardingSite.Content.Services;
using SafeguardingSite.Platform.Data;

namespace SafeguardingSite.Content.Hosting;

public static class ContentEngineRegistration
{
    public static IServiceCollection AddContentEngine(this IServiceCollection services, IConfiguration configuration, DatabaseOptions database)
    {
        services.Configure<ContentOptions>(configuration.GetSection(ContentOptions.SectionName));
        services.AddModuleDbContext<ContentDbContext, SqliteContentDbContext, PostgresContentDbContext>(database, ContentDbContext.MigrationsHistoryTable);
        services.AddSingleton<RichTextSanitizer>();
        services.AddSingleton<PropertyValueNormalizer>();
        services.AddSingleton<PublishedSnapshotBuilder>();
        services.AddSingleton<PublishedSnapshotService>();
        services.AddSingleton<IPublishedSnapshotAccessor>(sp => sp.GetRequiredService<PublishedSnapshotService>());
        services.AddSingleton<ContentService>();
        services.AddSingleton<SchemaService>();
        services.AddSingleton<Redirects.RedirectService>();
        services.AddMediaLibrary(configuration);
        services.AddTransient<ScheduledPublishingJob>();
        services.AddHostedService<ContentStartup>();
        services.AddSingleton<ChangeFeedFollower>();
        services.AddHostedService(sp => sp.GetRequiredService<ChangeFeedFollower>());
        return services;
    }
}
