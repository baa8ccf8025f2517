using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using SafeguardingSite.Content.Published;
using SafeguardingSite.Web.Rendering;

namespace SafeguardingSite.Web.Learning;

/// <summary>
/// A controller whose pages render inside the published Training page, so the layout, navigation and quick exit are
/// the site's own. Each derived controller keeps its views in its own folder.
/// </summary>
public abstract class TrainingPageController(
    IPublishedSnapshotAccessor snapshots,
    IOptions<SiteOptions> siteOptions,
    TimeProvider clock,
    string viewFolder) : Controller
{
    public const string ViewKey = "Learning";
    public const string TrainingPageType = "trainingIndex";

    protected PublishedSnapshot Snapshot => snapshots.Current;

    protected DateTime UtcNow => clock.GetUtcNow().UtcDateTime;

    /// <summary>The Training page to render inside, or null while none is published.</summary>
    protected SitePage? Page()
    {
        var snapshot = snapshots.Current;
        if (snapshot.All.FirstOrDefault(p => p.ContentTypeAlias == TrainingPageType) is not { } content)
        {
            return null;
        }

        var canonical = siteOptions.Value.BaseUrlFor(Request) + (Request.Path.Value ?? content.Url);
        return new SitePage(content, snapshot, siteOptions.Value, UtcNow, canonical, Request.Query);
    }

    protected ViewResult Show(string view, SitePage site, string title, object? model)
    {
        ViewData["Title"] = title;
        ViewData[ViewKey] = model;
        return View(viewFolder + view + ".cshtml", site);
    }
}
