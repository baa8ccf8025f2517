using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using SafeguardingSite.BackOffice.Extensibility;
using SafeguardingSite.BackOffice.Identity;
using SafeguardingSite.Content.Media;
using SafeguardingSite.Content.Model;
using SafeguardingSite.Content.Services;

namespace SafeguardingSite.BackOffice.Controllers;

/// <summary>
/// The media library at /umbraco/media: folders, uploads checked by <see cref="MediaService"/> (content sniffing, size
/// limit, alt text), replacing a file under the same URL, where each item is used, and a recycle bin.
/// </summary>
[Area("BackOffice")]
[Authorize(Policy = BackOfficePolicies.Media)]
[AutoValidateAntiforgeryToken]
[Route("umbraco/media")]
public sealed class MediaController(MediaService media, MediaUsageService usage) : Controller
{
    /// <summary>Room for the multipart boundaries and the few text fields beside the file.</summary>
    private const long FormOverheadBytes = 64 * 1024;

    [HttpGet("")]
    public async Task<IActionResult> Index(Guid? folder, string? q, string? type, string? sort, int page = 1)
    {
        var current = folder is { } key ? await media.GetAsync(key, HttpContext.RequestAborted) : null;
        if (folder is not null && current is not { MediaTypeAlias: MediaTypes.Folder, Trashed: false })
        {
            return NotFound();
        }

        ViewData["Notice"] = TempData["Notice"];
        return View(await ListPageAsync(current, q, type, sort, page, null));
    }

    [HttpPost("folders")]
    public async Task<IActionResult> CreateFolder(Guid? folder, string? name)
    {
        try
        {
            var created = await media.CreateFolderAsync(folder, name, Actor, HttpContext.RequestAborted);
            TempData["Notice"] = $"Created the folder '{created.Name}'.";
            return RedirectToAction(nameof(Index), new { folder });
        }
        catch (ContentException ex) when (ex.Kind == ContentErrorKind.Invalid)
        {
            AddErrors(ex, "name");
            var current = folder is { } key ? await media.GetAsync(key, HttpContext.RequestAborted) : null;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View(nameof(Index), await ListPageAsync(current, null, null, null, 1, name));
        }
    }

    [HttpGet("upload")]
    public async Task<IActionResult> Upload(Guid? folder) =>
        View(new MediaUploadPage(new MediaUploadForm { Folder = folder }, await media.GetFoldersAsync(HttpContext.RequestAborted), media.MaxUploadBytes));

    [HttpPost("upload")]
    public async Task<IActionResult> Upload(MediaUploadForm form, IFormFile? file)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (await ReadFileAsync(file) is { } upload)
        {
            try
            {
                var item = await media.UploadAsync(new UploadMedia(form.Folder, form.Name, form.AltText, upload), Actor, HttpContext.RequestAborted);
                TempData["Notice"] = $"Uploaded '{item.Name}'.";
                return RedirectToAction(nameof(Item), new { id = item.Key });
            }
            catch (ContentException ex) when (ex.Kind is ContentErrorKind.Invalid or ContentErrorKind.NotFound)
            {
                AddErrors(ex, "file");
            }
        }

        Response.StatusCode = StatusCodes.Status400BadRequest;
        return View(new MediaUploadPage(form, await media.GetFoldersAsync(HttpContext.RequestAborted), media.MaxUploadBytes));
    }

    [HttpGet("{id:guid}")]
    public async Task<IActionResult> Item(Guid id)
    {
        if (await LiveItemAsync(id) is not { } item)
        {
            return NotFound();
        }

        ViewData["Notice"] = TempData["Notice"];
        return View(await ItemPageAsync(item, new MediaDetailsForm { Name = item.Name, AltText = item.AltText, Revision = item.Revision }));
    }

    [HttpPost("{id:guid}")]
    public async Task<IActionResult> Item(Guid id, MediaDetailsForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (await LiveItemAsync(id) is not { } item)
        {
            return NotFound();
        }

        try
        {
            // An empty box clears optional alt text; the service still insists on it for images.
            var saved = await media.UpdateAsync(id, new UpdateMedia(form.Name ?? string.Empty, form.AltText ?? string.Empty, form.Revision), Actor, HttpContext.RequestAborted);
            TempData["Notice"] = $"Saved '{saved.Name}'.";
            return RedirectToAction(nameof(Item), new { id });
        }
        catch (ContentException ex) when (ex.Kind is ContentErrorKind.Invalid or ContentErrorKind.Conflict)
        {
            AddErrors(ex, "name");
            Response.StatusCode = ex.Kind == ContentErrorKind.Conflict ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest;
            return View(nameof(Item), await ItemPageAsync(item, form));
        }
    }

    [HttpPost("{id:guid}/replace")]
    public async Task<IActionResult> Replace(Guid id, IFormFile? file)
    {
        if (await LiveItemAsync(id) is not { } item)
        {
            return NotFound();
        }

        if (await ReadFileAsync(file) is { } upload)
        {
            try
            {
                await media.ReplaceFileAsync(id, upload, null, Actor, HttpContext.RequestAborted);
                TempData["Notice"] = $"Replaced the file. Its address, {item.FileUrl}, is unchanged, so every link to it now gets the new file.";
                return RedirectToAction(nameof(Item), new { id });
            }
            catch (ContentException ex) when (ex.Kind == ContentErrorKind.Invalid)
            {
                AddErrors(ex, "file");
            }
        }

        Response.StatusCode = StatusCodes.Status400BadRequest;
        return View(nameof(Item), await ItemPageAsync(item, new MediaDetailsForm { Name = item.Name, AltText = item.AltText, Revision = item.Revision }));
    }

    [HttpPost("{id:guid}/move")]
    public async Task<IActionResult> Move(Guid id, Guid? target)
    {
        if (await LiveItemAsync(id) is not { } item)
        {
            return NotFound();
        }

        try
        {
            await media.MoveAsync(id, target, Actor, HttpContext.RequestAborted);
            TempData["Notice"] = $"Moved '{item.Name}'.";
            return RedirectToAction(nameof(Item), new { id });
        }
        catch (ContentException ex) when (ex.Kind is ContentErrorKind.Invalid or ContentErrorKind.NotFound)
        {
            AddErrors(ex, "target");
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View(nameof(Item), await ItemPageAsync(item, new MediaDetailsForm { Name = item.Name, AltText = item.AltText, Revision = item.Revision }));
        }
    }

    /// <summary>Always asks first, and lists the pages that would lose the item, so nobody breaks a live page by accident.</summary>
    [HttpGet("{id:guid}/delete")]
    public async Task<IActionResult> Delete(Guid id)
    {
        if (await LiveItemAsync(id) is not { } item)
        {
            return NotFound();
        }

        var inside = item.MediaTypeAlias == MediaTypes.Folder ? (await media.GetChildrenAsync(id, HttpContext.RequestAborted)).Count : 0;
        return View(new MediaDeletePage(item, await usage.FindUsesAsync(id, HttpContext.RequestAborted), inside));
    }

    [HttpPost("{id:guid}/delete")]
    public async Task<IActionResult> Delete(Guid id, bool confirmed)
    {
        if (await LiveItemAsync(id) is not { } item)
        {
            return NotFound();
        }

        var inside = item.MediaTypeAlias == MediaTypes.Folder ? (await media.GetChildrenAsync(id, HttpContext.RequestAborted)).Count : 0;
        if (inside > 0)
        {
            ModelState.AddModelError(string.Empty, $"'{item.Name}' still has {inside} items in it. Move or delete them first; only an empty folder can be deleted.");
        }
        else if (!confirmed)
        {
            ModelState.AddModelError("confirmed", "Tick the box to confirm that you want to delete it.");
        }

        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View(new MediaDeletePage(item, await usage.FindUsesAsync(id, HttpContext.RequestAborted), inside));
        }

        await media.TrashAsync(id, Actor, HttpContext.RequestAborted);
        TempData["Notice"] = $"Moved '{item.Name}' to the media recycle bin. You can restore it from there.";
        return RedirectToAction(nameof(Index), new { folder = item.ParentKey });
    }

    [HttpGet("recycle-bin")]
    public async Task<IActionResult> RecycleBin()
    {
        ViewData["Notice"] = TempData["Notice"];
        return View(new MediaRecycleBinPage(await media.GetRecycleBinAsync(HttpContext.RequestAborted), CanDeletePermanently));
    }

    [HttpPost("{id:guid}/restore")]
    public async Task<IActionResult> Restore(Guid id)
    {
        try
        {
            var item = await media.RestoreAsync(id, Actor, HttpContext.RequestAborted);
            TempData["Notice"] = $"Restored '{item.Name}'.";
        }
        catch (ContentException ex) when (ex.Kind is ContentErrorKind.NotFound or ContentErrorKind.Conflict)
        {
            TempData["Notice"] = ex.Message;
        }

        return RedirectToAction(nameof(RecycleBin));
    }

    /// <summary>Deleting for good cannot be undone, so it is for editors and administrators (who may delete content too).</summary>
    [HttpPost("{id:guid}/delete-permanently")]
    public async Task<IActionResult> DeletePermanently(Guid id)
    {
        if (!CanDeletePermanently)
        {
            return Forbid();
        }

        try
        {
            await media.DeletePermanentlyAsync(id, Actor, HttpContext.RequestAborted);
            TempData["Notice"] = "Deleted permanently.";
        }
        catch (ContentException ex) when (ex.Kind == ContentErrorKind.Conflict)
        {
            TempData["Notice"] = ex.Message;
        }

        return RedirectToAction(nameof(RecycleBin));
    }

    private string Actor => User.Identity?.Name ?? "unknown";

    private bool CanDeletePermanently => User.HasClaim(BackOfficeClaims.Permission, BackOfficePermission.ContentDelete);

    private async Task<MediaItem?> LiveItemAsync(Guid id) =>
        await media.GetAsync(id, HttpContext.RequestAborted) is { Trashed: false } item ? item : null;

    /// <summary>The uploaded bytes, or null with an error beside the file field when there is no file or it is too large.</summary>
    private async Task<MediaUpload?> ReadFileAsync(IFormFile? file)
    {
        if (file is null || file.Length == 0)
        {
            ModelState.AddModelError("file", "Choose a file to upload.");
            return null;
        }

        if (file.Length > media.MaxUploadBytes || Request.ContentLength > media.MaxUploadBytes + FormOverheadBytes)
        {
            ModelState.AddModelError("file", $"The file is larger than the {media.MaxUploadBytes / (1024 * 1024.0):0.#} MB limit.");
            return null;
        }

        using var content = new MemoryStream((int)file.Length);
        await file.CopyToAsync(content, HttpContext.RequestAborted);
        return new MediaUpload(Path.GetFileName(file.FileName), content.ToArray());
    }

    /// <summary>Puts the engine's field errors beside the form's fields; the engine's "targetId" is this form's "target".</summary>
    private void AddErrors(ContentException ex, string fallbackField)
    {
        if (ex.Errors.Count == 0)
        {
            ModelState.AddModelError(fallbackField, ex.Message);
            return;
        }

        foreach (var (field, messages) in ex.Errors)
        {
            var formField = field switch
            {
                "targetId" => "target",
                "parentId" => "folder",
                _ => field,
            };
            foreach (var message in messages)
            {
                ModelState.AddModelError(formField, message);
            }
        }
    }

    private async Task<MediaListPage> ListPageAsync(MediaItem? folder, string? q, string? type, string? sort, int page, string? newFolderName)
    {
        var validType = MediaListPage.TypeChoices.Any(c => c.Value == type) ? type : null;
        var order = Enum.TryParse<MediaSort>(sort, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) ? parsed : MediaSort.Name;
        var query = new MediaQuery(folder?.Key, string.IsNullOrWhiteSpace(q) ? null : q.Trim(), validType, order, Math.Clamp(page, 1, 10_000));
        var listing = await media.SearchAsync(query, HttpContext.RequestAborted);
        var crumbs = folder is null ? [] : await media.GetAncestorsAsync(folder.Key, HttpContext.RequestAborted);
        return new MediaListPage(folder, crumbs, query, listing, newFolderName);
    }

    private async Task<MediaItemPage> ItemPageAsync(MediaItem item, MediaDetailsForm details) =>
        new(item,
            await media.GetAncestorsAsync(item.Key, HttpContext.RequestAborted),
            await usage.FindUsesAsync(item.Key, HttpContext.RequestAborted),
            (await media.GetFoldersAsync(HttpContext.RequestAborted)).Where(f => f.Key != item.Key).ToList(),
            details,
            media.MaxUploadBytes);
}
