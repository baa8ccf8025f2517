namespace SafeguardingSite.Web.Rendering;

public sealed class SiteOptions
{
    public const string SectionName = "Site";

    /// <summary>Where "Exit this page" goes: a neutral, busy site that gives nothing away.</summary>
    public string QuickExitUrl { get; set; } = "https://www.bbc.co.uk/weather";

    /// <summary>The public address, e.g. https://www.northdale-scp.example; empty means: use the request's host.</summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>The absolute base for canonical links and the sitemap, without a trailing slash.</summary>
    public string BaseUrlFor(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return string.IsNullOrEmpty(PublicBaseUrl) ? $"{request.Scheme}://{request.Host}" : PublicBaseUrl.TrimEnd('/');
    }
}
