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
/// The editor pages run TinyMCE, which sets inline styles in the page it edits (table widths, its own pop-ups' layout)
/// and shows embedded videos in its editing frame. Only these pages allow inline styles and the two video hosts the
/// sanitiser keeps; scripts stay limited to the site's own files, so injected markup still cannot run.
/// </summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class)]
public sealed class RichTextEditorPolicyAttribute : ResultFilterAttribute
{
    public const string Policy =
        "default-src 'self'; img-src 'self' data: blob:; script-src 'self'; style-src 'self' 'unsafe-inline'; " +
        "frame-src https://www.youtube-nocookie.com https://www.youtube.com https://player.vimeo.com; form-action 'self'; " +
        "base-uri 'self'; frame-ancestors 'none'; object-src 'none'";

    public override void OnResultExecuting(ResultExecutingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.HttpContext.Response.Headers.ContentSecurityPolicy = Policy;
    }
}
