using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using SafeguardingSite.BackOffice.Extensibility;
using SafeguardingSite.BackOffice.Identity;
using SafeguardingSite.Content.Published;
using SafeguardingSite.Content.Redirects;
using SafeguardingSite.Content.Services;

namespace SafeguardingSite.BackOffice.Controllers;

/// <summary>Form for a manual redirect: from an old path to a page (picked from the live site) or to an address.</summary>
public sealed class RedirectForm
{
    public string? FromPath { get; set; }
    public Guid? TargetPage { get; set; }
    public string? TargetUrl { get; set; }
    public bool External { get; set; }
}

public sealed record RedirectPageOption(Guid Key, string Name, string Url);

public sealed record RedirectsPage(RedirectQuery Query, RedirectListing Listing, IReadOnlyDictionary<Guid, string> PageUrls, IReadOnlyList<RedirectPageOption> Pages, RedirectForm Form)
{
    public string UrlFor(int page)
    {
        var parts = new List<string>();
        if (Query.Search is { Length: > 0 } search)
        {
            parts.Add("q=" + Uri.EscapeDataString(search));
        }

        if (Query.Manual is { } manual)
        {
            parts.Add("kind=" + (manual ? "manual" : "automatic"));
        }

        if (page > 1)
        {
            parts.Add("page=" + page.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return "/umbraco/redirects" + (parts.Count > 0 ? "?" + string.Join('&', parts) : string.Empty);
    }
}

/// <summary>
/// The site's redirects: the 301s the engine records when a published page is renamed or moved, and manual ones
/// editors add for retired addresses (printed leaflets, old sites). Editors and administrators only.
/// </summary>
[Area("BackOffice")]
[Authorize(Policy = RedirectsPolicy)]
[AutoValidateAntiforgeryToken]
[Route("umbraco/redirects")]
public sealed class RedirectsController(RedirectService redirects, IPublishedSnapshotAccessor snapshots) : Controller
{
    public const string RedirectsPolicy = BackOfficePolicies.Prefix + BackOfficePermission.ContentPublish;

    [HttpGet("")]
    public async Task<IActionResult> Index(string? q, string? kind, int page = 1)
    {
        ViewData["Notice"] = TempData["Notice"];
        return View(await PageAsync(q, kind, page, new RedirectForm()));
    }

    [HttpPost("")]
    public async Task<IActionResult> Add(RedirectForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        try
        {
            var target = form.TargetPage is null ? form.TargetUrl : null;
            var added = await redirects.AddAsync(new AddRedirect(form.FromPath, form.TargetPage, target, form.External), Actor, HttpContext.RequestAborted);
            TempData["Notice"] = $"Added a redirect from {added.OldPath}.";
            return RedirectToAction(nameof(Index));
        }
        catch (ContentException ex) when (ex.Kind == ContentErrorKind.Invalid)
        {
            foreach (var (field, messages) in ex.Errors)
            {
                foreach (var message in messages)
                {
                    ModelState.AddModelError(field, message);
                }
            }

            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View(nameof(Index), await PageAsync(null, null, 1, form));
        }
    }

    [HttpPost("{id:long}/remove")]
    public async Task<IActionResult> Remove(long id)
    {
        try
        {
            await redirects.RemoveAsync(id, Actor, HttpContext.RequestAborted);
            TempData["Notice"] = "Removed the redirect.";
        }
        catch (ContentException ex) when (ex.Kind == ContentErrorKind.NotFound)
        {
            TempData["Notice"] = ex.Message;
        }

        return RedirectToAction(nameof(Index));
    }

    private string Actor => User.Identity?.Name ?? "unknown";

    private async Task<RedirectsPage> PageAsync(string? q, string? kind, int page, RedirectForm form)
    {
        var manual = kind switch
        {
            "manual" => true,
            "automatic" => (bool?)false,
            _ => null,
        };
        var query = new RedirectQuery(string.IsNullOrWhiteSpace(q) ? null : q.Trim(), manual, Math.Clamp(page, 1, 10_000));
        var listing = await redirects.ListAsync(query, HttpContext.RequestAborted);
        var snapshot = snapshots.Current;
        var urls = listing.Items.Where(r => r.TargetUrl is null).Select(r => r.NodeKey).Distinct()
            .Select(k => (Key: k, Page: snapshot.Find(k))).Where(p => p.Page is not null).ToDictionary(p => p.Key, p => p.Page!.Url);
        var pages = snapshot.All.OrderBy(p => p.Url, StringComparer.Ordinal).Select(p => new RedirectPageOption(p.Key, p.Name, p.Url)).ToList();
        return new RedirectsPage(query, listing, urls, pages, form);
    }
}
