using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace SafeguardingSite.Search;

public static class SearchRegistration
{
    public static IServiceCollection AddSiteSearch(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<SearchOptions>(configuration.GetSection(SearchOptions.SectionName));
        services.AddSingleton(sp =>
        {
            var options = configuration.GetSection(SearchOptions.SectionName).Get<SearchOptions>() ?? new SearchOptions();
            var root = sp.GetRequiredService<IHostEnvironment>().ContentRootPath;
            return new SiteSearchIndex(Path.GetFullPath(Path.Combine(root, options.IndexFolder)));
        });
        services.AddHostedService<SearchIndexer>();
        return services;
    }
}
