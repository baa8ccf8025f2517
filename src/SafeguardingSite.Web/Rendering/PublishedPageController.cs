using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ViewEngines;
using Microsoft.Extensions.Options;
using SafeguardingSite.Analytics.Recording;
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
    SiteSearchIndex search) : Controller
{
    public const int MaxQueryLength = 200;
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

        if (snapshot.FindRedirect(path) is { } moved)
        {
            return RedirectPermanent(moved.Url + Request.QueryString);
        }

        return RenderNotFound(snapshot);
    }

    [HttpGet]
    public IActionResult Search(string? q, int page = 1)
    {
        var snapshot = snapshots.Current;
        var host = snapshot.Home;
        if (host is null)
        {
            return RenderNotFound(snapshot);
        }

        var query = (q ?? string.Empty).Trim();
        if (query.Length > MaxQueryLength)
        {
            query = query[..MaxQueryLength];
        }

        var pageNumber = Math.Clamp(page, 1, 100);
        var results = query.Length == 0
            ? new SearchResults(0, [])
            : search.Search(query, (pageNumber - 1) * SearchPage.PageSize, SearchPage.PageSize);
        ViewData["Search"] = new SearchPage(query, pageNumber, results);
        if (query.Length > 0 && pageNumber == 1)
        {
            SearchOutcome.Note(HttpContext, query, results.Total);
        }

        return View("~/Views/Shared/Search.cshtml", CreatePage(host, snapshot, "/search"));
    }

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

public sealed record SearchPage(string Query, int Page, SearchResults Results)
{
    public const int PageSize = 10;

    public int PageCount => Math.Max(1, (int)Math.Ceiling(Results.Total / (double)PageSize));
}
