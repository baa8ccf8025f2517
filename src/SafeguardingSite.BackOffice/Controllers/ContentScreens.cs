using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using SafeguardingSite.Content.Services;

namespace SafeguardingSite.BackOffice.Controllers;

/// <summary>The audit trail's names for what editors do to pages in the back office.</summary>
public static class ContentAuditActions
{
    public const string Created = "content created";
    public const string Saved = "content saved";
    public const string Sorted = "content sorted";
    public const string Moved = "content moved";
    public const string Copied = "content copied";
    public const string Trashed = "content moved to recycle bin";
    public const string Restored = "content restored";
    public const string DeletedForGood = "content deleted permanently";
    public const string Refused = "content action refused";
}

/// <summary>Helpers shared by the content screens: where views live, the refusal page, and ContentService errors on a form.</summary>
internal static class ContentScreens
{
    public const string Views = "/Areas/BackOffice/Views/Content/";

    public static string View(string name) => Views + name + ".cshtml";

    /// <summary>A 403 with the back office's "not allowed" page, rather than a redirect, so the refused address stays in view.</summary>
    public static ViewResult Refused(Controller controller)
    {
        controller.Response.StatusCode = StatusCodes.Status403Forbidden;
        return controller.View("/Areas/BackOffice/Views/Account/AccessDenied.cshtml");
    }

    /// <summary>
    /// Puts ContentService's field errors beside their fields. Errors about things the form has no field for (the
    /// document type, the parent) go to the summary at the top.
    /// </summary>
    public static void AddErrors(ModelStateDictionary state, ContentException error, Func<string, bool> hasField)
    {
        if (error.Errors.Count == 0)
        {
            state.AddModelError(string.Empty, error.Message);
            return;
        }

        foreach (var (field, messages) in error.Errors)
        {
            foreach (var message in messages)
            {
                state.AddModelError(hasField(field) ? field : string.Empty, message);
            }
        }
    }

    public static int StatusFor(ContentException error) => error.Kind switch
    {
        ContentErrorKind.NotFound => StatusCodes.Status404NotFound,
        ContentErrorKind.Conflict => StatusCodes.Status409Conflict,
        ContentErrorKind.Forbidden => StatusCodes.Status403Forbidden,
        _ => StatusCodes.Status400BadRequest,
    };
}

/// <summary>
/// The editor pages differ from the rest of the back office's policy in one way: TinyMCE's media plugin shows an
/// embedded video inside its editing frame, so these pages may frame the two video hosts the rich-text sanitiser keeps.
/// TinyMCE itself runs within <c>script-src 'self'</c> and <c>style-src 'self'</c> (it styles its interface through the
/// DOM, which the policy allows, and loads its skin as files), so nothing inline is allowed here either.
/// </summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class)]
public sealed class ContentEditorPolicyAttribute : ResultFilterAttribute
{
    public const string Policy =
        "default-src 'self'; img-src 'self' data:; script-src 'self'; style-src 'self'; " +
        "frame-src https://www.youtube-nocookie.com https://www.youtube.com https://player.vimeo.com; form-action 'self'; " +
        "base-uri 'self'; frame-ancestors 'none'; object-src 'none'";

    public override void OnResultExecuting(ResultExecutingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.HttpContext.Response.Headers.ContentSecurityPolicy = Policy;
    }
}
