namespace SafeguardingSite.Web.Rendering;

/// <summary>The public site: one Razor template per document type, routed from the published snapshot.</summary>
public static class SiteRendering
{
    public static IServiceCollection AddSiteRendering(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddControllersWithViews();
        return services;
    }

    public static WebApplication UseSiteRendering(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseStaticFiles();
        return app;
    }

    public static WebApplication MapPublishedContent(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app;
    }
}
