using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using SafeguardingSite.BackOffice.Audit;
using SafeguardingSite.BackOffice.ContentEditing;
using SafeguardingSite.BackOffice.Extensibility;
using SafeguardingSite.BackOffice.Identity;
using SafeguardingSite.Content.Model;
using SafeguardingSite.Content.Published;
using SafeguardingSite.Content.Services;

namespace SafeguardingSite.BackOffice.Controllers;

/// <summary>
/// The content editor: a form generated from the document type, one partial per property editor. Save stores a draft
/// through ContentService, which checks every value; its errors come back beside the fields with everything typed kept.
/// Block-list buttons (add, remove, move) post the whole form too, so nothing needs JavaScript.
/// </summary>
[Area("BackOffice")]
[Authorize(Policy = BackOfficePolicies.ContentBrowse)]
[AutoValidateAntiforgeryToken]
[ContentEditorPolicy]
[Route("umbraco/content")]
public sealed class ContentEditorController(
    ContentService content,
    SchemaService schemas,
    ContentTree tree,
    IBackOfficePermissions permissions,
    BackOfficeAudit audit,
    IPublishedSnapshotAccessor snapshots,
    IEnumerable<IContentEditorPanel> panels) : Controller
{
    private string Actor => User.Identity?.Name ?? "unknown";
    private CancellationToken Aborted => HttpContext.RequestAborted;

    [HttpGet("{key:guid}")]
    public async Task<IActionResult> Edit(Guid key)
    {
        if (await content.GetAsync(key, Aborted) is not { Node.Trashed: false } draft)
        {
            return NotFound();
        }

        if (!await CanAsync(BackOfficePermission.ContentBrowse, key))
        {
            return ContentScreens.Refused(this);
        }

        var schema = await schemas.GetSchemaAsync(Aborted);
        ViewData["Notice"] = TempData["Notice"];
        var values = EditorValues.FromStored(schema, draft.Node.DocumentTypeAlias, draft.Values);
        return await EditorAsync(schema, draft, draft.Draft.Name, draft.Node.Revision, values, focusPath: null);
    }

    [HttpPost("{key:guid}")]
    public async Task<IActionResult> Save(Guid key)
    {
        if (await content.GetAsync(key, Aborted) is not { Node.Trashed: false } draft)
        {
            return NotFound();
        }

        if (!await CanAsync(BackOfficePermission.ContentEdit, key))
        {
            await audit.RecordAsync(ContentAuditActions.Refused, Actor, Subject(draft.Draft.Name, key), "Save without edit permission", Aborted);
            return ContentScreens.Refused(this);
        }

        var schema = await schemas.GetSchemaAsync(Aborted);
        var posted = EditorForm.Read(schema, draft.Node.DocumentTypeAlias, Request.Form);
        if (posted.Operation is null)
        {
            try
            {
                var saved = await content.UpdateAsync(key, new UpdateContent(posted.Name, posted.Values, ExpectedRevision: posted.Revision), Actor, Aborted);
                await audit.RecordAsync(ContentAuditActions.Saved, Actor, Subject(saved.Draft.Name, key), $"Version {saved.Draft.Number}", Aborted);
                TempData["Notice"] = $"Saved a draft of \"{saved.Draft.Name}\". The public site changes when it is published.";
                return Redirect($"/umbraco/content/{key}");
            }
            catch (ContentException error) when (error.Kind is ContentErrorKind.Invalid or ContentErrorKind.Conflict)
            {
                ContentScreens.AddErrors(ModelState, error, field => IsField(schema, draft.Node.DocumentTypeAlias, field));
                Response.StatusCode = ContentScreens.StatusFor(error);
            }
        }

        return await EditorAsync(schema, draft, posted.Name, posted.Revision, posted.Values, posted.FocusPath);
    }

    /// <summary>Step one of creating a page: the types allowed below the parent. Step two is the editor for the chosen type.</summary>
    [HttpGet("new")]
    public async Task<IActionResult> Create(Guid? parent, string? type)
    {
        var schema = await schemas.GetSchemaAsync(Aborted);
        if (await ParentAsync(parent) is not { } found)
        {
            return NotFound();
        }

        var (parentNode, allowed) = found;

        if (!await MayCreateBelowAsync(parent))
        {
            return ContentScreens.Refused(this);
        }

        var chosen = type is null ? null : schema.FindDocumentType(type);
        if (chosen is null || chosen.IsElement)
        {
            var choices = allowed(schema);
            if (type is not null)
            {
                ModelState.AddModelError(string.Empty, $"There is no page type called \"{type}\": choose one from the list.");
                Response.StatusCode = StatusCodes.Status400BadRequest;
            }

            return View(ContentScreens.View("ChooseType"), new ChooseTypePage(parentNode, choices));
        }

        return await NewEditorAsync(schema, chosen, parent, string.Empty, new JsonObject(), null);
    }

    [HttpPost("new")]
    public async Task<IActionResult> CreatePost(Guid? parent, string? type)
    {
        var schema = await schemas.GetSchemaAsync(Aborted);
        if (await ParentAsync(parent) is null)
        {
            return NotFound();
        }

        if (!await MayCreateBelowAsync(parent))
        {
            await audit.RecordAsync(ContentAuditActions.Refused, Actor, parent?.ToString() ?? "root", "Create without permission", Aborted);
            return ContentScreens.Refused(this);
        }

        if (type is null || schema.FindDocumentType(type) is not { IsElement: false } chosen)
        {
            return RedirectToAction(nameof(Create), new { parent });
        }

        var posted = EditorForm.Read(schema, chosen.Alias, Request.Form);
        if (posted.Operation is null)
        {
            try
            {
                var created = await content.CreateAsync(new CreateContent(parent, chosen.Alias, posted.Name, posted.Values), Actor, Aborted);
                await audit.RecordAsync(ContentAuditActions.Created, Actor, Subject(created.Draft.Name, created.Node.Key), $"{chosen.Name} below {parent?.ToString() ?? "the root"}", Aborted);
                TempData["Notice"] = $"Created \"{created.Draft.Name}\" as a draft.";
                return Redirect($"/umbraco/content/{created.Node.Key}");
            }
            catch (ContentException error) when (error.Kind is ContentErrorKind.Invalid or ContentErrorKind.Conflict or ContentErrorKind.NotFound)
            {
                ContentScreens.AddErrors(ModelState, error, field => IsField(schema, chosen.Alias, field));
                Response.StatusCode = ContentScreens.StatusFor(error);
            }
        }

        return await NewEditorAsync(schema, chosen, parent, posted.Name, posted.Values, posted.FocusPath);
    }

    private static string Subject(string name, Guid key) => $"{name} ({key})";

    private static bool IsField(ContentSchema schema, string typeAlias, string field) =>
        field == EditorForm.NameField
        || schema.PropertiesOf(typeAlias).Any(p => field.Equals(p.Alias, StringComparison.OrdinalIgnoreCase)
            || field.StartsWith(p.Alias + "[", StringComparison.OrdinalIgnoreCase));

    private Task<bool> CanAsync(string permission, Guid? key) => permissions.CanAsync(User, permission, key, Aborted);

    /// <summary>Creating at the top of the tree needs the whole tree, i.e. no branch limits.</summary>
    private async Task<bool> MayCreateBelowAsync(Guid? parent) => parent is { } key
        ? await CanAsync(BackOfficePermission.ContentCreate, key)
        : !User.HasClaim(c => c.Type == BackOfficeClaims.StartNode) && await CanAsync(BackOfficePermission.ContentCreate, null);

    /// <summary>The parent (null for the root) and the page types allowed below it, or null when the parent does not exist.</summary>
    private async Task<(ContentNode? Node, Func<ContentSchema, IReadOnlyList<DocumentType>> Allowed)?> ParentAsync(Guid? parent)
    {
        if (parent is not { } key)
        {
            return (null, schema => [.. schema.DocumentTypes.Where(t => t.AllowAtRoot && !t.IsElement).OrderBy(t => t.Name, StringComparer.Ordinal)]);
        }

        if (await content.GetAsync(key, Aborted) is not { Node.Trashed: false } draft)
        {
            return null;
        }

        return (draft.Node, schema => schema.FindDocumentType(draft.Node.DocumentTypeAlias) is { } parentType
            ? [.. parentType.AllowedChildTypes.Select(schema.FindDocumentType).OfType<DocumentType>().Where(t => !t.IsElement)]
            : []);
    }

    private async Task<ViewResult> EditorAsync(ContentSchema schema, ContentDraft draft, string name, int? revision, JsonObject values, string? focusPath)
    {
        var key = draft.Node.Key;
        var type = schema.FindDocumentType(draft.Node.DocumentTypeAlias) ?? new DocumentType { Alias = draft.Node.DocumentTypeAlias, Name = draft.Node.DocumentTypeAlias };
        var (badge, css) = TreeItem.Badge(TreeItem.Status(draft.Node));
        var status = new EditorStatus(badge, css, draft.Draft.CreatedAt, snapshots.Current.Find(key)?.Url, draft.Node.PublishAt, draft.Node.ExpireAt);
        var actions = new EditorActions(
            await CanAsync(BackOfficePermission.ContentEdit, key),
            await CanAsync(BackOfficePermission.ContentCreate, key) && type.AllowedChildTypes.Count > 0,
            await CanAsync(BackOfficePermission.ContentPublish, key),
            await CanAsync(BackOfficePermission.ContentSubmit, key),
            await CanAsync(BackOfficePermission.ContentDelete, key),
            (await content.GetChildrenAsync(key, Aborted)).Count > 1);
        var shown = new List<ContentEditorPanel>();
        foreach (var panel in panels)
        {
            if (await panel.BuildAsync(key, User, Aborted) is { } built)
            {
                shown.Add(built);
            }
        }

        return View(ContentScreens.View("Edit"), new EditorPage(key, draft.Node.ParentKey, type, name, revision, values,
            await ContextAsync(schema, focusPath), status, actions, shown));
    }

    private async Task<ViewResult> NewEditorAsync(ContentSchema schema, DocumentType type, Guid? parent, string name, JsonObject values, string? focusPath) =>
        View(ContentScreens.View("Edit"), new EditorPage(null, parent, type, name, null, values, await ContextAsync(schema, focusPath), null,
            EditorActions.None with { CanEdit = true }, []));

    private async Task<EditorContext> ContextAsync(ContentSchema schema, string? focusPath)
    {
        var media = snapshots.Current.AllMedia.Where(m => m.FileUrl is not null)
            .Select(m => new PickOption(m.Key, m.Name)).OrderBy(m => m.Label, StringComparer.CurrentCulture).ToList();
        return new EditorContext(schema, ModelState, await tree.PagesAsync(Aborted), media, focusPath);
    }
}

public sealed record ChooseTypePage(ContentNode? Parent, IReadOnlyList<DocumentType> Types);
