using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SafeguardingSite.Content.Media;
using SafeguardingSite.Platform.Commands;

namespace SafeguardingSite.Search;

public static class SearchRegistration
{
    public static IServiceCollection AddSiteSearch(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<SearchOptions>(configuration.GetSection(SearchOptions.SectionName));
        services.AddSingleton(sp =>
        {
            var options = configuration.GetSection(SearchOptions.SectionName).Get<SearchOptions>() ?? new SearchOptions();
            var root = Path.GetFullPath(Path.Combine(sp.GetRequiredService<IHostEnvironment>().ContentRootPath, options.IndexFolder));
            var extractor = new MediaTextExtractor(sp.GetRequiredService<MediaFileStore>(), Path.Combine(root, "text-cache"),
                sp.GetRequiredService<ILogger<MediaTextExtractor>>());
            return new SiteSearchIndex(root, extractor, sp.GetRequiredService<ILogger<SiteSearchIndex>>());
        });
        services.AddSingleton<SearchRebuilder>();
        services.AddSingleton<ISiteCommand, SearchRebuildCommand>();
        services.TryAddSingleton<ISearchObserver, NoSearchObserver>();
        services.AddHostedService<SearchIndexer>();
        return services;
    }
}
