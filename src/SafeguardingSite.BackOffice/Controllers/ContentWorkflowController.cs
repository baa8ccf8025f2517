using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using SafeguardingSite.BackOffice.Identity;
using SafeguardingSite.Content.Services;

namespace SafeguardingSite.BackOffice.Controllers;

/// <summary>
/// What the publishing, approval and history screens share: finding the page and checking the user's permission on
/// its branch. A refusal is a 403 page, never a redirect, so a direct POST by someone without the right is plainly refused.
/// </summary>
[Area("BackOffice")]
[Authorize(Policy = BackOfficeRegistration.SignedInPolicy)]
[AutoValidateAntiforgeryToken]
public abstract class ContentWorkflowController(ContentService content, IBackOfficePermissions permissions) : Controller
{
    protected ContentService Pages { get; } = content;

    protected string Actor => User.Identity?.Name ?? "unknown";

    /// <summary>The page when it exists, is not in the recycle bin and the user holds the permission on its branch.</summary>
    protected async Task<(ContentDraft? Draft, IActionResult? Refusal)> PageAsync(Guid key, string permission)
    {
        var draft = await Pages.GetAsync(key, HttpContext.RequestAborted);
        if (draft is null || draft.Node.Trashed)
        {
            return (null, NotFound());
        }

        return await MayAsync(permission, key) ? (draft, null) : (null, Denied());
    }

    protected Task<bool> MayAsync(string permission, Guid key) => permissions.CanAsync(User, permission, key, HttpContext.RequestAborted);

    protected IActionResult Denied()
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return View("~/Areas/BackOffice/Views/Account/AccessDenied.cshtml");
    }

    /// <summary>The form is shown again with the problem beside it, answering 400 (or the status given).</summary>
    protected IActionResult Invalid(string viewName, object model, int status = StatusCodes.Status400BadRequest)
    {
        Response.StatusCode = status;
        return View(viewName, model);
    }

    protected void Notice(string text) => TempData["Notice"] = text;

    protected void ShowNotice() => ViewData["Notice"] = TempData["Notice"];
}
