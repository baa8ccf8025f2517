using System.Globalization;
using System.Text;
using System.Xml;
using Microsoft.Extensions.Options;
using SafeguardingSite.Content.Published;
using SafeguardingSite.Web.Toolkit;

namespace SafeguardingSite.Web.Rendering;

/// <summary>The public site: one Razor template per document type, routed from the published snapshot.</summary>
public static class SiteRendering
{
    /// <summary>Scripts, styles and images come only from the site itself; video players load only when asked.</summary>
    internal const string ContentSecurityPolicy =
        "default-src 'self'; img-src 'self' data:; script-src 'self'; style-src 'self'; font-src 'self'; " +
        "frame-src https://www.youtube-nocookie.com https://player.vimeo.com; form-action 'self'; base-uri 'self'; " +
        "frame-ancestors 'self'; object-src 'none'";

    private static readonly string[] NotIndexedTypes = ["errorPage"];

    public static IServiceCollection AddSiteRendering(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<SiteOptions>(configuration.GetSection(SiteOptions.SectionName));
        services.AddControllersWithViews();
        return services;
    }

    public static WebApplication UseSiteRendering(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Use((context, next) =>
        {
            if (!context.Request.Path.StartsWithSegments("/umbraco", StringComparison.OrdinalIgnoreCase))
            {
                var headers = context.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "no-referrer";
                headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), browsing-topics=()";
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
            }

            return next(context);
        });
        app.UseStaticFiles();
        return app;
    }

    public static WebApplication MapPublishedContent(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/robots.txt", (HttpRequest request, IOptions<SiteOptions> options) =>
            Results.Text(
                $"User-agent: *\nDisallow: /umbraco/\nDisallow: /search\n\nSitemap: {options.Value.BaseUrlFor(request)}/sitemap.xml\n",
                "text/plain; charset=utf-8"));
        app.MapGet("/sitemap.xml", (HttpRequest request, IOptions<SiteOptions> options, IPublishedSnapshotAccessor snapshots) =>
            Results.Text(Sitemap(snapshots.Current, options.Value.BaseUrlFor(request)), "application/xml; charset=utf-8"));
        app.MapGet("/brand.css", (HttpContext context, IPublishedSnapshotAccessor snapshots) =>
        {
            context.Response.Headers.CacheControl = "public, max-age=300";
            return Results.Text(BrandStyles.Css(snapshots.Current.Home), "text/css; charset=utf-8");
        });
        app.MapControllerRoute("site-search", "search", new { controller = "PublishedPage", action = "Search" });
        app.MapToolkit();
        app.MapFallbackToController("Render", "PublishedPage");
        return app;
    }

    /// <summary>Every published page a search engine should know, with its last change.</summary>
    internal static string Sitemap(PublishedSnapshot snapshot, string baseUrl)
    {
        var output = new StringBuilder();
        using (var xml = XmlWriter.Create(output, new XmlWriterSettings { Indent = true, Encoding = Encoding.UTF8 }))
        {
            xml.WriteStartElement("urlset", "http://www.sitemaps.org/schemas/sitemap/0.9");
            foreach (var page in snapshot.All.Where(p => !p.Flag("hideFromSearch") && !NotIndexedTypes.Contains(p.ContentTypeAlias)))
            {
                xml.WriteStartElement("url");
                xml.WriteElementString("loc", baseUrl + page.Url);
                xml.WriteElementString("lastmod", page.UpdateDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                xml.WriteEndElement();
            }

            xml.WriteEndElement();
        }

        return output.ToString().Replace("encoding=\"utf-16\"", "encoding=\"utf-8\"", StringComparison.Ordinal);
    }
}
