using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using SafeguardingSite.BackOffice.Audit;
using SafeguardingSite.BackOffice.ContentEditing;
using SafeguardingSite.BackOffice.Extensibility;
using SafeguardingSite.BackOffice.Identity;
using SafeguardingSite.Content.Model;
using SafeguardingSite.Content.Services;

namespace SafeguardingSite.BackOffice.Controllers;

/// <summary>
/// The content tree and what editors do to pages as a whole: sort, move, copy, move to the recycle bin, restore and delete for good.
/// Every rule about where a page may go is ContentService's; these screens offer the places it would accept and show
/// its message when it refuses. Each action is checked against the user's branch and written to the audit trail.
/// </summary>
[Area("BackOffice")]
[Authorize(Policy = BackOfficePolicies.ContentBrowse)]
[AutoValidateAntiforgeryToken]
[Route("umbraco/content")]
public sealed class ContentTreeController(
    ContentService content,
    SchemaService schemas,
    ContentTree tree,
    ContentCopier copier,
    IBackOfficePermissions permissions,
    BackOfficeAudit audit) : Controller
{
    public const string RootChoice = "root";

    private string Actor => User.Identity?.Name ?? "unknown";
    private CancellationToken Aborted => HttpContext.RequestAborted;

    [HttpGet("")]
    public async Task<IActionResult> Index()
    {
        var schema = await schemas.GetSchemaAsync(Aborted);
        var branches = await tree.BranchesAsync(User, schema, Aborted);
        var canCreateAtRoot = !User.HasClaim(c => c.Type == BackOfficeClaims.StartNode)
            && await permissions.CanAsync(User, BackOfficePermission.ContentCreate, null, Aborted)
            && schema.DocumentTypes.Any(t => t.AllowAtRoot && !t.IsElement);
        ViewData["Notice"] = TempData["Notice"];
        return View(ContentScreens.View("Tree"), new TreePage(branches, canCreateAtRoot,
            t => schema.FindDocumentType(t)?.AllowedChildTypes.Count > 0));
    }

    [HttpGet("{key:guid}/sort")]
    public async Task<IActionResult> Sort(Guid key)
    {
        if (await FindAsync(key) is not { } draft)
        {
            return NotFound();
        }

        if (!await CanAsync(BackOfficePermission.ContentEdit, key))
        {
            return ContentScreens.Refused(this);
        }

        ViewData["Notice"] = TempData["Notice"];
        return View(ContentScreens.View("Sort"), new SortPage(draft.Node, await content.GetChildrenAsync(key, Aborted)));
    }

    /// <summary>One press of "Move up" or "Move down" (<c>op=up:&lt;key&gt;</c>) saves the new order at once.</summary>
    [HttpPost("{key:guid}/sort")]
    public async Task<IActionResult> SortPost(Guid key, string? op)
    {
        if (await FindAsync(key) is not { } draft)
        {
            return NotFound();
        }

        if (!await CanAsync(BackOfficePermission.ContentEdit, key))
        {
            return await RefuseAsync(draft, "Sort without edit permission");
        }

        var children = (await content.GetChildrenAsync(key, Aborted)).Select(c => c.Key).ToList();
        var parts = (op ?? string.Empty).Split(':', 2);
        var index = parts.Length == 2 && Guid.TryParse(parts[1], out var moved) ? children.IndexOf(moved) : -1;
        var to = parts[0] switch { "up" => index - 1, "down" => index + 1, _ => -1 };
        if (index < 0 || to < 0 || to >= children.Count)
        {
            ModelState.AddModelError(string.Empty, "Choose a page to move up or down from the list.");
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View(ContentScreens.View("Sort"), new SortPage(draft.Node, await content.GetChildrenAsync(key, Aborted)));
        }

        (children[index], children[to]) = (children[to], children[index]);
        await content.SortAsync(key, children, Actor, Aborted);
        await audit.RecordAsync(ContentAuditActions.Sorted, Actor, Subject(draft), $"Moved {children[to]} {parts[0]}", Aborted);
        TempData["Notice"] = "Saved the new order.";
        return Redirect($"/umbraco/content/{key}/sort#page-{children[to]}");
    }

    [HttpGet("{key:guid}/move")]
    public Task<IActionResult> Move(Guid key) => PlaceAsync(key, copying: false);

    [HttpPost("{key:guid}/move")]
    public async Task<IActionResult> MovePost(Guid key, string? parent)
    {
        if (await FindAsync(key) is not { } draft)
        {
            return NotFound();
        }

        var target = ParseTarget(parent);
        if (!await CanAsync(BackOfficePermission.ContentEdit, key) || !await MayCreateInAsync(target))
        {
            return await RefuseAsync(draft, "Move outside the user's branch or without permission");
        }

        try
        {
            await content.MoveAsync(key, target.Key, Actor, Aborted);
            await audit.RecordAsync(ContentAuditActions.Moved, Actor, Subject(draft), target.Key is null ? "To the root" : $"Below {target.Key}", Aborted);
            TempData["Notice"] = $"Moved \"{draft.Draft.Name}\".";
            return Redirect($"/umbraco/content/{key}");
        }
        catch (ContentException error) when (error.Kind is ContentErrorKind.Invalid or ContentErrorKind.Conflict or ContentErrorKind.NotFound)
        {
            return await PlaceAsync(key, copying: false, error);
        }
    }

    [HttpGet("{key:guid}/copy")]
    public Task<IActionResult> Copy(Guid key) => PlaceAsync(key, copying: true);

    [HttpPost("{key:guid}/copy")]
    public async Task<IActionResult> CopyPost(Guid key, string? parent, bool includeDescendants)
    {
        if (await FindAsync(key) is not { } draft)
        {
            return NotFound();
        }

        var target = ParseTarget(parent);
        if (!await CanAsync(BackOfficePermission.ContentBrowse, key) || !await MayCreateInAsync(target))
        {
            return await RefuseAsync(draft, "Copy outside the user's branch or without permission");
        }

        try
        {
            var copy = await copier.CopyAsync(key, target.Key, includeDescendants, Actor, Aborted);
            await audit.RecordAsync(ContentAuditActions.Copied, Actor, Subject(draft),
                $"As {copy.Node.Key} below {target.Key?.ToString() ?? "the root"}{(includeDescendants ? ", with the pages below it" : string.Empty)}", Aborted);
            TempData["Notice"] = $"Copied \"{draft.Draft.Name}\". This is the copy, saved as a draft.";
            return Redirect($"/umbraco/content/{copy.Node.Key}");
        }
        catch (ContentException error) when (error.Kind is ContentErrorKind.Invalid or ContentErrorKind.Conflict or ContentErrorKind.NotFound)
        {
            return await PlaceAsync(key, copying: true, error);
        }
    }

    [HttpGet("{key:guid}/delete")]
    public async Task<IActionResult> Delete(Guid key)
    {
        if (await FindAsync(key) is not { } draft)
        {
            return NotFound();
        }

        if (!await CanAsync(BackOfficePermission.ContentDelete, key))
        {
            return ContentScreens.Refused(this);
        }

        var below = (await tree.BranchKeysAsync(key, Aborted)).Count - 1;
        return View(ContentScreens.View("Confirm"), new ConfirmPage(
            $"Move \"{draft.Draft.Name}\" to the recycle bin?",
            below == 0
                ? "It leaves the public site at once. You can restore it from the recycle bin, unpublished."
                : $"It and the {below} {(below == 1 ? "page" : "pages")} below it leave the public site at once. You can restore them from the recycle bin, unpublished.",
            $"/umbraco/content/{key}/delete", "Move to the recycle bin", $"/umbraco/content/{key}"));
    }

    [HttpPost("{key:guid}/delete")]
    public async Task<IActionResult> DeletePost(Guid key)
    {
        if (await FindAsync(key) is not { } draft)
        {
            return NotFound();
        }

        if (!await CanAsync(BackOfficePermission.ContentDelete, key))
        {
            return await RefuseAsync(draft, "Delete without delete permission");
        }

        await content.TrashAsync(key, Actor, Aborted);
        await audit.RecordAsync(ContentAuditActions.Trashed, Actor, Subject(draft), null, Aborted);
        TempData["Notice"] = $"Moved \"{draft.Draft.Name}\" to the recycle bin.";
        return Redirect("/umbraco/content");
    }

    [HttpGet("recycle-bin")]
    public async Task<IActionResult> RecycleBin()
    {
        var items = new List<BinItem>();
        var schema = await schemas.GetSchemaAsync(Aborted);
        foreach (var node in await content.GetRecycleBinAsync(Aborted))
        {
            if (await CanAsync(BackOfficePermission.ContentBrowse, node.Key))
            {
                items.Add(new BinItem(node, schema.FindDocumentType(node.DocumentTypeAlias)?.Name ?? node.DocumentTypeAlias,
                    await CanAsync(BackOfficePermission.ContentDelete, node.Key)));
            }
        }

        ViewData["Notice"] = TempData["Notice"];
        return View(ContentScreens.View("RecycleBin"), items);
    }

    [HttpPost("recycle-bin/{key:guid}/restore")]
    public async Task<IActionResult> Restore(Guid key)
    {
        if (await FindInBinAsync(key) is not { } node)
        {
            return NotFound();
        }

        if (!await CanAsync(BackOfficePermission.ContentDelete, key))
        {
            await audit.RecordAsync(ContentAuditActions.Refused, Actor, BinSubject(node), "Restore without delete permission", Aborted);
            return ContentScreens.Refused(this);
        }

        try
        {
            await content.RestoreAsync(key, null, Actor, Aborted);
            await audit.RecordAsync(ContentAuditActions.Restored, Actor, BinSubject(node), null, Aborted);
            TempData["Notice"] = $"Restored \"{node.Name}\" to where it was, as a draft.";
            return Redirect($"/umbraco/content/{key}");
        }
        catch (ContentException error) when (error.Kind is ContentErrorKind.Conflict or ContentErrorKind.Invalid)
        {
            TempData["Notice"] = $"\"{node.Name}\" could not be restored: {error.Message}";
            return Redirect("/umbraco/content/recycle-bin");
        }
    }

    /// <summary>Deleting for good cannot be undone, so the bin's "Delete for good" links lead here to confirm first.</summary>
    [HttpGet("recycle-bin/{key:guid}/delete")]
    public async Task<IActionResult> DeleteForGood(Guid key)
    {
        if (await FindInBinAsync(key) is not { } node)
        {
            return NotFound();
        }

        if (!await CanAsync(BackOfficePermission.ContentDelete, key))
        {
            return ContentScreens.Refused(this);
        }

        return View(ContentScreens.View("Confirm"), new ConfirmPage(
            $"Delete \"{node.Name}\" for good?",
            "The page, any pages that went into the bin with it, and their version history are deleted and cannot be restored. "
                + "The audit trail keeps a record that it was deleted.",
            $"/umbraco/content/recycle-bin/{key}/delete", "Yes, delete it for good", "/umbraco/content/recycle-bin"));
    }

    [HttpPost("recycle-bin/{key:guid}/delete")]
    public async Task<IActionResult> DeleteForGoodPost(Guid key)
    {
        if (await FindInBinAsync(key) is not { } node)
        {
            return NotFound();
        }

        if (!await CanAsync(BackOfficePermission.ContentDelete, key))
        {
            await audit.RecordAsync(ContentAuditActions.Refused, Actor, BinSubject(node), "Permanent delete without delete permission", Aborted);
            return ContentScreens.Refused(this);
        }

        await DeleteFromBinAsync(node);
        TempData["Notice"] = $"Deleted \"{node.Name}\" for good.";
        return Redirect("/umbraco/content/recycle-bin");
    }

    [HttpGet("recycle-bin/empty")]
    public async Task<IActionResult> EmptyBin()
    {
        var deletable = await DeletableInBinAsync();
        if (deletable.Count == 0)
        {
            TempData["Notice"] = "There is nothing in the recycle bin that you can delete.";
            return Redirect("/umbraco/content/recycle-bin");
        }

        return View(ContentScreens.View("Confirm"), new ConfirmPage(
            "Empty the recycle bin?",
            $"{deletable.Count} {(deletable.Count == 1 ? "item" : "items")} in the recycle bin, with the pages below them and their version history, "
                + "are deleted and cannot be restored. The audit trail keeps a record of each one.",
            "/umbraco/content/recycle-bin/empty", "Yes, empty the recycle bin", "/umbraco/content/recycle-bin"));
    }

    /// <summary>Empties only what this user may delete: a branch-limited editor leaves other branches' pages in the bin.</summary>
    [HttpPost("recycle-bin/empty")]
    public async Task<IActionResult> EmptyBinPost()
    {
        var deletable = await DeletableInBinAsync();
        foreach (var node in deletable)
        {
            await DeleteFromBinAsync(node);
        }

        TempData["Notice"] = deletable.Count == 0
            ? "There was nothing in the recycle bin that you can delete."
            : $"Deleted {deletable.Count} {(deletable.Count == 1 ? "item" : "items")} for good.";
        return Redirect("/umbraco/content/recycle-bin");
    }

    private async Task<ContentNode?> FindInBinAsync(Guid key) =>
        (await content.GetRecycleBinAsync(Aborted)).FirstOrDefault(n => n.Key == key);

    private async Task<List<ContentNode>> DeletableInBinAsync()
    {
        var deletable = new List<ContentNode>();
        foreach (var node in await content.GetRecycleBinAsync(Aborted))
        {
            if (await CanAsync(BackOfficePermission.ContentDelete, node.Key))
            {
                deletable.Add(node);
            }
        }

        return deletable;
    }

    private async Task DeleteFromBinAsync(ContentNode node)
    {
        await content.DeletePermanentlyAsync(node.Key, Actor, Aborted);
        await audit.RecordAsync(ContentAuditActions.DeletedForGood, Actor, BinSubject(node), null, Aborted);
    }

    private static string BinSubject(ContentNode node) => $"{node.Name} ({node.Key})";

    private static string Subject(ContentDraft draft) => $"{draft.Draft.Name} ({draft.Node.Key})";

    private static (bool Valid, Guid? Key) ParseTarget(string? parent) =>
        parent == RootChoice ? (true, null) : Guid.TryParse(parent, out var key) ? (true, key) : (false, null);

    private Task<bool> CanAsync(string permission, Guid? key) => permissions.CanAsync(User, permission, key, Aborted);

    private async Task<bool> MayCreateInAsync((bool Valid, Guid? Key) target) => target.Valid && (target.Key is { } key
        ? await CanAsync(BackOfficePermission.ContentCreate, key)
        : !User.HasClaim(c => c.Type == BackOfficeClaims.StartNode) && await CanAsync(BackOfficePermission.ContentCreate, null));

    private async Task<ContentDraft?> FindAsync(Guid key) =>
        await content.GetAsync(key, Aborted) is { Node.Trashed: false } draft ? draft : null;

    private async Task<IActionResult> RefuseAsync(ContentDraft draft, string detail)
    {
        await audit.RecordAsync(ContentAuditActions.Refused, Actor, Subject(draft), detail, Aborted);
        return ContentScreens.Refused(this);
    }

    /// <summary>The move or copy screen: the places in the user's branches whose type accepts this page's type.</summary>
    private async Task<IActionResult> PlaceAsync(Guid key, bool copying, ContentException? error = null)
    {
        if (await FindAsync(key) is not { } draft)
        {
            return NotFound();
        }

        if (!await CanAsync(copying ? BackOfficePermission.ContentBrowse : BackOfficePermission.ContentEdit, key))
        {
            return ContentScreens.Refused(this);
        }

        var schema = await schemas.GetSchemaAsync(Aborted);
        var own = copying ? new HashSet<Guid>() : await tree.BranchKeysAsync(key, Aborted);
        var type = draft.Node.DocumentTypeAlias;
        var places = (await tree.BranchesAsync(User, schema, Aborted))
            .Where(b => b.CanCreate)
            .SelectMany(b => b.Root.SelfAndDescendants())
            .Where(i => !own.Contains(i.Node.Key) && (copying || i.Node.Key != draft.Node.ParentKey)
                && schema.FindDocumentType(i.Node.DocumentTypeAlias)?.AllowedChildTypes.Contains(type, StringComparer.OrdinalIgnoreCase) == true)
            .ToList();
        var pages = (await tree.PagesAsync(Aborted)).ToDictionary(p => p.Key, p => p.Label);
        var choices = places.Select(p => new PickOption(p.Node.Key, pages.GetValueOrDefault(p.Node.Key, p.Node.Name))).ToList();
        var atRoot = schema.FindDocumentType(type)?.AllowAtRoot == true && (copying || draft.Node.ParentKey is not null)
            && await MayCreateInAsync((true, null));
        if (error is not null)
        {
            ContentScreens.AddErrors(ModelState, error, _ => false);
            Response.StatusCode = ContentScreens.StatusFor(error);
        }

        return View(ContentScreens.View("Place"), new PlacePage(draft.Node, copying, choices, atRoot));
    }
}

public sealed record TreePage(IReadOnlyList<TreeBranch> Branches, bool CanCreateAtRoot, Func<string, bool> TypeHasChildren);

public sealed record SortPage(ContentNode Parent, IReadOnlyList<ContentNode> Children);

public sealed record PlacePage(ContentNode Node, bool Copying, IReadOnlyList<PickOption> Choices, bool RootAllowed);

public sealed record ConfirmPage(string Title, string Message, string Action, string Button, string CancelHref);

public sealed record BinItem(ContentNode Node, string TypeName, bool CanRestore);
