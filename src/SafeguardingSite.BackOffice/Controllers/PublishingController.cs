using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using SafeguardingSite.BackOffice.Audit;
using SafeguardingSite.BackOffice.Checks;
using SafeguardingSite.BackOffice.Identity;
using SafeguardingSite.BackOffice.Workflow;
using SafeguardingSite.Content.Published;
using SafeguardingSite.Content.Services;

namespace SafeguardingSite.BackOffice.Controllers;

/// <summary>Publish (after the checks), unpublish and schedule one page. Only for users who may publish on its branch.</summary>
[Route("umbraco/content/{key:guid}")]
public sealed class PublishingController(
    ContentService content,
    IBackOfficePermissions permissions,
    PageChecks checks,
    ApprovalService approvals,
    IPublishedSnapshotAccessor snapshots,
    BackOfficeAudit audit,
    TimeProvider clock) : ContentWorkflowController(content, permissions)
{
    [HttpGet("publish")]
    public async Task<IActionResult> Publish(Guid key)
    {
        var (draft, refusal) = await PageAsync(key, BackOfficePermission.ContentPublish);
        if (draft is null)
        {
            return refusal!;
        }

        ShowNotice();
        return View(await PageModelAsync(draft, new ScheduleForm { PublishAt = UkTime.ToInput(draft.Node.PublishAt), ExpireAt = UkTime.ToInput(draft.Node.ExpireAt) }));
    }

    [HttpPost("publish")]
    public async Task<IActionResult> PublishNow(Guid key)
    {
        var (draft, refusal) = await PageAsync(key, BackOfficePermission.ContentPublish);
        if (draft is null)
        {
            return refusal!;
        }

        try
        {
            await Pages.PublishAsync(key, Actor, cancellationToken: HttpContext.RequestAborted);
        }
        catch (ContentException ex) when (ex.Kind == ContentErrorKind.Conflict)
        {
            ModelState.AddModelError(string.Empty, ex.Message);
            return Invalid("Publish", await PageModelAsync(draft, new ScheduleForm()), StatusCodes.Status409Conflict);
        }

        await audit.RecordAsync(WorkflowAuditActions.Published, Actor, Subject(draft), $"Version {draft.Draft.Number}", HttpContext.RequestAborted);
        Notice($"Published \"{draft.Draft.Name}\". It is live at {LiveUrl(key) ?? "its address"}.");
        return Redirect($"/umbraco/content/{key}/publish");
    }

    [HttpPost("schedule")]
    public async Task<IActionResult> Schedule(Guid key, ScheduleForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var (draft, refusal) = await PageAsync(key, BackOfficePermission.ContentPublish);
        if (draft is null)
        {
            return refusal!;
        }

        var publishAt = ReadTime(form.PublishAt, nameof(ScheduleForm.PublishAt), "publish");
        var expireAt = ReadTime(form.ExpireAt, nameof(ScheduleForm.ExpireAt), "take down");
        if (expireAt is not null && !await MayAsync(BackOfficePermission.ContentUnpublish, key))
        {
            return Denied();
        }

        if (publishAt is { } p && expireAt is { } e && e <= p)
        {
            ModelState.AddModelError(nameof(ScheduleForm.ExpireAt), "The page must be taken down after it is published: choose a later time.");
        }

        if (!ModelState.IsValid)
        {
            return Invalid("Publish", await PageModelAsync(draft, form));
        }

        await Pages.ScheduleAsync(key, publishAt, expireAt, Actor, HttpContext.RequestAborted);
        var summary = $"Publish: {(publishAt is { } pa ? UkTime.Describe(pa) : "not scheduled")}; take down: {(expireAt is { } ea ? UkTime.Describe(ea) : "not scheduled")}";
        await audit.RecordAsync(WorkflowAuditActions.Scheduled, Actor, Subject(draft), summary, HttpContext.RequestAborted);
        Notice(publishAt is null && expireAt is null ? $"Cleared the schedule of \"{draft.Draft.Name}\"." : $"Scheduled \"{draft.Draft.Name}\". {summary}.");
        return Redirect($"/umbraco/content/{key}/publish");
    }

    [HttpGet("unpublish")]
    public async Task<IActionResult> Unpublish(Guid key)
    {
        var (draft, refusal) = await PageAsync(key, BackOfficePermission.ContentUnpublish);
        if (draft is null)
        {
            return refusal!;
        }

        return View(new UnpublishPage(draft, LiveUrl(key)));
    }

    [HttpPost("unpublish")]
    public async Task<IActionResult> UnpublishNow(Guid key)
    {
        var (draft, refusal) = await PageAsync(key, BackOfficePermission.ContentUnpublish);
        if (draft is null)
        {
            return refusal!;
        }

        if (!draft.IsPublished)
        {
            ModelState.AddModelError(string.Empty, $"\"{draft.Draft.Name}\" is not published, so there is nothing to take down.");
            return Invalid("Unpublish", new UnpublishPage(draft, null), StatusCodes.Status409Conflict);
        }

        await Pages.UnpublishAsync(key, Actor, HttpContext.RequestAborted);
        await audit.RecordAsync(WorkflowAuditActions.Unpublished, Actor, Subject(draft), cancellationToken: HttpContext.RequestAborted);
        Notice($"Unpublished \"{draft.Draft.Name}\": it is no longer on the website. The draft is kept.");
        return Redirect($"/umbraco/content/{key}/publish");
    }

    private DateTime? ReadTime(string? text, string field, string verb)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (text.Length > 32 || !UkTime.TryParse(text, out var utc))
        {
            ModelState.AddModelError(field, $"Enter the date and time to {verb} the page, for example 2026-12-01T09:30 (UK time).");
            return null;
        }

        if (utc <= clock.GetUtcNow().UtcDateTime)
        {
            ModelState.AddModelError(field, $"The time to {verb} the page is in the past: choose a time from now on.");
            return null;
        }

        return utc;
    }

    private async Task<PublishPage> PageModelAsync(ContentDraft draft, ScheduleForm schedule) => new(
        draft,
        await checks.RunAsync(draft, HttpContext.RequestAborted),
        LiveUrl(draft.Node.Key),
        schedule,
        await MayAsync(BackOfficePermission.ContentUnpublish, draft.Node.Key),
        await approvals.PendingForPageAsync(draft.Node.Key, HttpContext.RequestAborted));

    private string? LiveUrl(Guid key) => snapshots.Current.Find(key)?.Url;

    internal static string Subject(ContentDraft draft) => $"{draft.Draft.Name} ({draft.Node.Key})";
}
