using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using SafeguardingSite.BackOffice.Checks;
using SafeguardingSite.BackOffice.History;
using SafeguardingSite.BackOffice.Identity;
using SafeguardingSite.BackOffice.Workflow;
using SafeguardingSite.Content.Services;

namespace SafeguardingSite.BackOffice.Controllers;

/// <summary>Writers submit pages for approval; editors review them, then publish or return them with a comment.</summary>
public sealed class ApprovalsController(
    ContentService content,
    IBackOfficePermissions permissions,
    ApprovalService approvals,
    PageChecks checks,
    VersionHistory history,
    UserManager<BackOfficeUser> users) : ContentWorkflowController(content, permissions)
{
    [HttpGet("umbraco/content/{key:guid}/submit")]
    public async Task<IActionResult> Submit(Guid key)
    {
        var (draft, refusal) = await PageAsync(key, BackOfficePermission.ContentSubmit);
        return draft is null ? refusal! : View(await SubmitModelAsync(draft, new SubmitForm()));
    }

    [HttpPost("umbraco/content/{key:guid}/submit")]
    public async Task<IActionResult> Submit(Guid key, SubmitForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var (draft, refusal) = await PageAsync(key, BackOfficePermission.ContentSubmit);
        if (draft is null)
        {
            return refusal!;
        }

        if (form.Note?.Length > ApprovalRequest.MaxNoteLength)
        {
            ModelState.AddModelError(nameof(SubmitForm.Note), $"The note must be at most {ApprovalRequest.MaxNoteLength:N0} characters (it is {form.Note.Length:N0}).");
            return Invalid("Submit", await SubmitModelAsync(draft, form));
        }

        var outcome = await approvals.SubmitAsync(User, draft, form.Note, HttpContext.RequestAborted);
        Notice(outcome.Created
            ? $"Sent \"{draft.Draft.Name}\" for approval. We have emailed {outcome.EditorsNotified} editor{(outcome.EditorsNotified == 1 ? string.Empty : "s")}."
            : $"\"{draft.Draft.Name}\" is already waiting for approval, sent by {outcome.Request.RequestedByName}.");
        return Redirect("/umbraco/approvals");
    }

    [HttpGet("umbraco/approvals")]
    public async Task<IActionResult> Index()
    {
        if (!User.HasClaim(BackOfficeClaims.Permission, BackOfficePermission.ContentSubmit))
        {
            return Denied();
        }

        var canPublish = User.HasClaim(BackOfficeClaims.Permission, BackOfficePermission.ContentPublish);
        var waiting = canPublish ? await approvals.PendingForAsync(User, HttpContext.RequestAborted) : [];
        var mine = Guid.TryParse(users.GetUserId(User), out var me) ? await approvals.RequestedByAsync(me, HttpContext.RequestAborted) : [];
        ShowNotice();
        return View(new ApprovalsPage(waiting, mine, canPublish));
    }

    [HttpGet("umbraco/approvals/{id:guid}")]
    public async Task<IActionResult> Review(Guid id) => await ReviewAsync(id, form: null, (_, page) => Task.FromResult<IActionResult>(View(page)));

    [HttpPost("umbraco/approvals/{id:guid}/approve")]
    public async Task<IActionResult> Approve(Guid id) => await ReviewAsync(id, form: null, async (request, page) =>
    {
        try
        {
            var outcome = await approvals.ApproveAsync(User, id, HttpContext.RequestAborted);
            Notice(outcome == DecisionOutcome.Done
                ? $"Approved and published \"{request.ContentName}\". We have told {request.RequestedByName}."
                : $"\"{request.ContentName}\" was already dealt with by someone else.");
            return Redirect("/umbraco/approvals");
        }
        catch (ContentException ex) when (ex.Kind == ContentErrorKind.Conflict)
        {
            ModelState.AddModelError(string.Empty, ex.Message);
            return Invalid("Review", page, StatusCodes.Status409Conflict);
        }
    });

    [HttpPost("umbraco/approvals/{id:guid}/return")]
    public async Task<IActionResult> Return(Guid id, ReturnForm form) => await ReviewAsync(id, form, async (request, page) =>
    {
        var comment = form.Comment?.Trim() ?? string.Empty;
        if (comment.Length == 0)
        {
            ModelState.AddModelError(nameof(ReturnForm.Comment), "Say what needs changing, so the writer knows what to do.");
        }
        else if (comment.Length > ApprovalRequest.MaxNoteLength)
        {
            ModelState.AddModelError(nameof(ReturnForm.Comment), $"The comment must be at most {ApprovalRequest.MaxNoteLength:N0} characters (it is {comment.Length:N0}).");
        }

        if (!ModelState.IsValid)
        {
            return Invalid("Review", page);
        }

        var outcome = await approvals.ReturnAsync(User, id, comment, HttpContext.RequestAborted);
        Notice(outcome == DecisionOutcome.Done
            ? $"Returned \"{request.ContentName}\" to {request.RequestedByName} with your comment."
            : $"\"{request.ContentName}\" was already dealt with by someone else.");
        return Redirect("/umbraco/approvals");
    });

    /// <summary>Loads the request and its page, checks the editor may publish it, and builds the review screen.</summary>
    private async Task<IActionResult> ReviewAsync(Guid id, ReturnForm? form, Func<ApprovalRequest, ReviewPage, Task<IActionResult>> then)
    {
        if (await approvals.GetAsync(id, HttpContext.RequestAborted) is not { } request)
        {
            return NotFound();
        }

        var (draft, refusal) = await PageAsync(request.ContentKey, BackOfficePermission.ContentPublish);
        if (draft is null)
        {
            return refusal!;
        }

        var page = new ReviewPage(
            request,
            draft,
            await checks.RunAsync(draft, HttpContext.RequestAborted),
            await history.CompareLiveWithDraftAsync(draft, HttpContext.RequestAborted),
            form ?? new ReturnForm());
        if (request.Status != ApprovalStatus.Pending && HttpMethods.IsPost(Request.Method))
        {
            Notice($"\"{request.ContentName}\" was already dealt with by {request.DecidedByEmail}.");
            return Redirect("/umbraco/approvals");
        }

        return await then(request, page);
    }

    private async Task<SubmitPage> SubmitModelAsync(ContentDraft draft, SubmitForm form) =>
        new(draft, await checks.RunAsync(draft, HttpContext.RequestAborted), form, await approvals.PendingForPageAsync(draft.Node.Key, HttpContext.RequestAborted));
}
