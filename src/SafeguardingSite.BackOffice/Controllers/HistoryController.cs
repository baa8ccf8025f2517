using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using SafeguardingSite.BackOffice.Audit;
using SafeguardingSite.BackOffice.History;
using SafeguardingSite.BackOffice.Identity;
using SafeguardingSite.BackOffice.Workflow;
using SafeguardingSite.Content.Services;

namespace SafeguardingSite.BackOffice.Controllers;

/// <summary>A page's versions: who saved each and when, a side-by-side comparison of two, and rollback to one.</summary>
[Route("umbraco/content/{key:guid}/history")]
public sealed class HistoryController(
    ContentService content,
    IBackOfficePermissions permissions,
    VersionHistory history,
    BackOfficeAudit audit) : ContentWorkflowController(content, permissions)
{
    [HttpGet("")]
    public async Task<IActionResult> Index(Guid key, int? from = null, int? to = null)
    {
        var (draft, refusal) = await PageAsync(key, BackOfficePermission.ContentBrowse);
        if (draft is null)
        {
            return refusal!;
        }

        var versions = await history.ListAsync(draft, HttpContext.RequestAborted);
        IReadOnlyList<PropertyDiff>? changes = null;
        if (from is { } f && to is { } t)
        {
            changes = await history.CompareAsync(draft, Math.Min(f, t), Math.Max(f, t), HttpContext.RequestAborted);
        }

        if (!ModelState.IsValid || (from is not null && to is not null && changes is null))
        {
            // The binder's own message would repeat whatever was typed into the address; say what to do instead.
            ModelState.Clear();
            ModelState.AddModelError("from", "Choose two versions from the list.");
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        ShowNotice();
        return View(new HistoryPage(draft, versions, from, to, changes, await MayAsync(BackOfficePermission.ContentEdit, key)));
    }

    [HttpGet("{version:int}/rollback")]
    public async Task<IActionResult> Rollback(Guid key, int version)
    {
        var (draft, refusal) = await PageAsync(key, BackOfficePermission.ContentEdit);
        if (draft is null)
        {
            return refusal!;
        }

        var row = (await history.ListAsync(draft, HttpContext.RequestAborted)).FirstOrDefault(v => v.Version.Number == version);
        if (row is null)
        {
            return NotFound();
        }

        var changes = await history.CompareAsync(draft, draft.Draft.Number, version, HttpContext.RequestAborted) ?? [];
        return View(new RollbackPage(draft, row, changes));
    }

    [HttpPost("{version:int}/rollback")]
    public async Task<IActionResult> RollbackNow(Guid key, int version)
    {
        var (draft, refusal) = await PageAsync(key, BackOfficePermission.ContentEdit);
        if (draft is null)
        {
            return refusal!;
        }

        try
        {
            await Pages.RollbackAsync(key, version, Actor, cancellationToken: HttpContext.RequestAborted);
        }
        catch (ContentException ex) when (ex.Kind == ContentErrorKind.NotFound)
        {
            return NotFound();
        }

        await audit.RecordAsync(WorkflowAuditActions.RolledBack, Actor, PublishingController.Subject(draft), $"To version {version}", HttpContext.RequestAborted);
        Notice($"Restored version {version} of \"{draft.Draft.Name}\" as the draft. Nothing on the website has changed until the page is published.");
        return Redirect($"/umbraco/content/{key}/history");
    }
}
