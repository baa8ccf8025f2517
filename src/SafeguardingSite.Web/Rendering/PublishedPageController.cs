using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ViewEngines;
using Microsoft.Extensions.Options;
using SafeguardingSite.Analytics.Recording;
using SafeguardingSite.BackOffice.Extensibility;
using SafeguardingSite.BackOffice.Identity;
using SafeguardingSite.Content.Published;
using SafeguardingSite.Search;

namespace SafeguardingSite.Web.Rendering;

/// <summary>
/// Serves every public page from the published snapshot alone (no database query): the page at the path, else a 301
/// for a page that moved, else the content-managed 404 page. Each document type renders with its own template,
/// Views/Templates/&lt;alias&gt;.cshtml, as in Umbraco.
/// </summary>
public sealed class PublishedPageController(
    IPublishedSnapshotAccessor snapshots,
    IOptions<SiteOptions> options,
    TimeProvider clock,
    ICompositeViewEngine views,
    SiteSearchIndex search,
    ISearchObserver observer) : Controller
{
    private const int MaxFilterLength = 100;
    private const string TemplateFolder = "~/Views/Templates/";
    private const string FallbackTemplate = "contentPage";

    [HttpGet]
    [HttpHead]
    public IActionResult Render()
    {
        var snapshot = snapshots.Current;
        var path = Request.Path.Value ?? "/";
        if (snapshot.FindByRoute(path) is { } page)
        {
            // One address per page: a missing trailing slash or different letter case answers with the canonical one.
            return string.Equals(path, page.Url, StringComparison.Ordinal)
                ? RenderPage(page, snapshot)
                : RedirectPermanent(page.Url + Request.QueryString);
        }

        if (snapshot.FindRedirectLocation(path) is { } location)
        {
            return RedirectPermanent(location + Request.QueryString);
        }

        return RenderNotFound(snapshot);
    }

    [HttpGet]
    public IActionResult Search(string? q, string? section, string? topic, string? type, string? sort, int page = 1)
    {
        var snapshot = snapshots.Current;
        var host = snapshot.Home;
        if (host is null)
        {
            return RenderNotFound(snapshot);
        }

        var request = new SearchRequest(
            SiteSearchIndex.Truncate(q),
            Filter(section),
            Filter(topic),
            Filter(type),
            string.Equals(sort, "date", StringComparison.OrdinalIgnoreCase) ? SearchSort.Date : SearchSort.Relevance,
            Math.Clamp(page, 1, 100),
            SearchPage.PageSize);
        var results = search.Search(request);
        if (request.Query.Length > 0)
        {
            observer.Searched(request.Query, results.Total);
        }

        ViewData["Search"] = new SearchPage(request, results);
        if (request.Query.Length > 0 && request.Page == 1)
        {
            SearchOutcome.Note(HttpContext, request.Query, results.Total);
        }

        return View("~/Views/Shared/Search.cshtml", CreatePage(host, snapshot, "/search"));
    }

    /// <summary>
    /// The draft of a page in its real template, for editors: the whole tree as drafts (so a new page's unpublished
    /// parent shows too), built on demand and never swapped in as the live snapshot. It lives under /umbraco, so the
    /// back-office cookie signs it in, robots are told not to index it and analytics does not count it.
    /// </summary>
    [HttpGet("/umbraco/content/{key:guid}/preview")]
    [Authorize(Policy = BackOfficePolicies.ContentBrowse)]
    public async Task<IActionResult> Preview(Guid key, [FromServices] PublishedSnapshotService published, [FromServices] IBackOfficePermissions permissions)
    {
        ArgumentNullException.ThrowIfNull(published);
        ArgumentNullException.ThrowIfNull(permissions);
        if (!await permissions.CanAsync(User, BackOfficePermission.ContentBrowse, key, HttpContext.RequestAborted))
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        var drafts = await published.BuildPreviewAsync(HttpContext.RequestAborted);
        if (drafts.Find(key) is not { } page)
        {
            return NotFound();
        }

        Response.Headers.ContentSecurityPolicy = SiteRendering.ContentSecurityPolicy;
        Response.Headers["X-Robots-Tag"] = "noindex, nofollow";
        ViewData["Preview"] = true;
        return RenderPage(page, drafts);
    }

    private static string? Filter(string? value) =>
        string.IsNullOrWhiteSpace(value) ? null : value.Trim()[..Math.Min(value.Trim().Length, MaxFilterLength)];

    private ViewResult RenderPage(PublishedContent page, PublishedSnapshot snapshot)
    {
        var template = views.GetView(null, TemplateFolder + page.ContentTypeAlias + ".cshtml", isMainPage: true).Success
            ? page.ContentTypeAlias
            : FallbackTemplate;
        return View(TemplateFolder + template + ".cshtml", CreatePage(page, snapshot, page.Url));
    }

    private IActionResult RenderNotFound(PublishedSnapshot snapshot)
    {
        Response.StatusCode = StatusCodes.Status404NotFound;
        var errorPage = snapshot.All.FirstOrDefault(p => p.ContentTypeAlias == "errorPage");
        return errorPage is null
            ? Content("Page not found", "text/plain")
            : View(TemplateFolder + "errorPage.cshtml", CreatePage(errorPage, snapshot, errorPage.Url));
    }

    private SitePage CreatePage(PublishedContent page, PublishedSnapshot snapshot, string path)
    {
        var canonical = options.Value.BaseUrlFor(Request) + path;
        return new SitePage(page, snapshot, options.Value, clock.GetUtcNow().UtcDateTime, canonical, Request.Query);
    }
}

public sealed record SearchPage(SearchRequest Request, SearchResults Results)
{
    public const int PageSize = 10;

    public string Query => Request.Query;

    public int Page => Request.Page;

    public int PageCount => Math.Max(1, (int)Math.Ceiling(Results.Total / (double)PageSize));

    /// <summary>This search's address with some parts changed; a null value drops that part. Paging restarts unless given.</summary>
    public string UrlWith((string Name, string? Value)? change = null, int page = 1)
    {
        var parts = new Dictionary<string, string?>
        {
            ["q"] = Request.Query,
            ["section"] = Request.Section,
            ["topic"] = Request.Topic,
            ["type"] = Request.Type,
            ["sort"] = Request.Sort == SearchSort.Date ? "date" : null,
        };
        if (change is { } c)
        {
            parts[c.Name] = c.Value;
        }

        if (page > 1)
        {
            parts["page"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return "/search?" + string.Join('&', parts.Where(p => !string.IsNullOrEmpty(p.Value))
            .Select(p => p.Key + "=" + Uri.EscapeDataString(p.Value!)));
    }
}
