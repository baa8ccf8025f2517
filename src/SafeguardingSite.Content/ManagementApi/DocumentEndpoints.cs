using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using SafeguardingSite.Content.Media;
using SafeguardingSite.Content.Model;
using SafeguardingSite.Content.Published;
using SafeguardingSite.Content.Services;
using static SafeguardingSite.Content.ManagementApi.ManagementRequests;

namespace SafeguardingSite.Content.ManagementApi;

/// <summary>Documents: every change goes through <see cref="ContentService"/>, which versions, audits and checks it.</summary>
internal static class DocumentEndpoints
{
    public static void MapDocumentEndpoints(this RouteGroupBuilder api)
    {
        var documents = api.MapGroup("/document").AddEndpointFilter(async (context, next) =>
        {
            if (context.HttpContext.Request.RouteValues.TryGetValue("id", out var raw) && Guid.TryParse(raw?.ToString(), out var id))
            {
                await EnsureInBranchAsync(context.HttpContext, id);
            }

            return await next(context);
        });
        documents.MapGet("/{id:guid}", GetAsync);
        documents.MapGet("/root/children", (HttpRequest request, ContentService content) => ChildrenAsync(null, request, content));
        documents.MapGet("/{id:guid}/children", (Guid id, HttpRequest request, ContentService content) => ChildrenAsync(id, request, content));
        documents.MapGet("/{id:guid}/versions", VersionsAsync);
        documents.MapGet("/{id:guid}/audit", AuditAsync);
        documents.MapPost("/", CreateAsync);
        documents.MapPut("/{id:guid}", UpdateAsync);

        documents.MapPost("/{id:guid}/publish", PublishAsync).RequireAuthorization(ManagementPolicies.ContentPublish);
        documents.MapPost("/{id:guid}/unpublish", UnpublishAsync).RequireAuthorization(ManagementPolicies.ContentPublish);
        documents.MapPost("/{id:guid}/move", MoveAsync).RequireAuthorization(ManagementPolicies.ContentPublish);
        documents.MapPut("/sort", SortAsync).RequireAuthorization(ManagementPolicies.ContentPublish);
        documents.MapPost("/{id:guid}/trash", TrashAsync).RequireAuthorization(ManagementPolicies.ContentPublish);
        documents.MapPost("/{id:guid}/restore", RestoreAsync).RequireAuthorization(ManagementPolicies.ContentPublish);
        documents.MapPost("/{id:guid}/rollback", RollbackAsync).RequireAuthorization(ManagementPolicies.ContentPublish);
        documents.MapPut("/{id:guid}/schedule", ScheduleAsync).RequireAuthorization(ManagementPolicies.ContentPublish);
        documents.MapDelete("/{id:guid}", DeleteAsync).RequireAuthorization(ManagementPolicies.ContentPublish);

        api.MapGet("/recycle-bin/document", RecycleBinAsync);
    }

    /// <summary>A caller limited to branches of the tree gets 403 for anything outside them, including the root.</summary>
    private static async Task EnsureInBranchAsync(HttpContext context, Guid? documentKey)
    {
        var access = context.RequestServices.GetRequiredService<IContentBranchAccess>();
        if (!await access.AllowsAsync(context.User, documentKey, context.RequestAborted))
        {
            throw new ContentException(ContentErrorKind.Forbidden, documentKey is null
                ? "You may only work inside the sections of the site you are assigned to, not at the top of the tree."
                : $"Document {documentKey} is outside the sections of the site you are assigned to.");
        }
    }

    private static async Task<List<ContentNode>> InBranchAsync(HttpContext context, IEnumerable<ContentNode> nodes)
    {
        var access = context.RequestServices.GetRequiredService<IContentBranchAccess>();
        var allowed = new List<ContentNode>();
        foreach (var node in nodes)
        {
            if (await access.AllowsAsync(context.User, node.Key, context.RequestAborted))
            {
                allowed.Add(node);
            }
        }

        return allowed;
    }

    private static async Task<IResult> GetAsync(Guid id, ContentService content, IPublishedSnapshotAccessor snapshots) =>
        Results.Ok(await ItemAsync(id, content, snapshots));

    private static async Task<IResult> ChildrenAsync(Guid? parentId, HttpRequest request, ContentService content)
    {
        var (skip, take) = ReadPaging(request);
        if (parentId is { } key && await content.GetAsync(key, request.HttpContext.RequestAborted) is null)
        {
            throw ContentException.NotFound("Content", key);
        }

        var children = parentId is null
            ? await InBranchAsync(request.HttpContext, await content.GetChildrenAsync(null, request.HttpContext.RequestAborted))
            : await content.GetChildrenAsync(parentId, request.HttpContext.RequestAborted);
        return Results.Ok(new PagedResponse<DocumentSummary>(children.Count, skip, take, children.Skip(skip).Take(take).Select(DocumentSummary.From).ToList()));
    }

    private static async Task<IResult> VersionsAsync(Guid id, ContentService content, CancellationToken cancellationToken)
    {
        var draft = await content.GetAsync(id, cancellationToken) ?? throw ContentException.NotFound("Content", id);
        var versions = await content.GetVersionsAsync(id, cancellationToken);
        return Results.Ok(versions.Select(v => VersionResponse.From(v, draft.Node)).ToList());
    }

    private static async Task<IResult> AuditAsync(Guid id, HttpRequest request, ContentService content)
    {
        var (skip, take) = ReadPaging(request);
        var entries = await content.GetAuditAsync(id, skip, take, request.HttpContext.RequestAborted);
        return Results.Ok(new PagedResponse<AuditResponse>(null, skip, take, entries.Select(AuditResponse.From).ToList()));
    }

    private static async Task<IResult> RecycleBinAsync(HttpRequest request, ContentService content)
    {
        var (skip, take) = ReadPaging(request);
        var items = await InBranchAsync(request.HttpContext, await content.GetRecycleBinAsync(request.HttpContext.RequestAborted));
        return Results.Ok(new PagedResponse<DocumentSummary>(items.Count, skip, take, items.Skip(skip).Take(take).Select(DocumentSummary.From).ToList()));
    }

    private static async Task<IResult> CreateAsync(HttpContext context, ContentService content, IPublishedSnapshotAccessor snapshots)
    {
        var body = await ReadJsonAsync<CreateDocumentRequest>(context.Request);
        if (string.IsNullOrWhiteSpace(body.DocumentType))
        {
            throw Invalid("documentType", "Say which document type to create, e.g. \"contentPage\".");
        }

        await EnsureInBranchAsync(context, body.ParentId);

        var created = await content.CreateAsync(
            new CreateContent(body.ParentId, body.DocumentType, PlainName(body.Name), body.Values, body.UrlSegment, body.Id),
            UserName(context.User),
            context.RequestAborted);
        return Results.Created($"{ManagementApiRegistration.BasePath}/document/{created.Node.Key}", DocumentResponse.From(created, snapshots.Current));
    }

    private static async Task<IResult> UpdateAsync(Guid id, HttpContext context, ContentService content, IPublishedSnapshotAccessor snapshots)
    {
        var body = await ReadJsonAsync<UpdateDocumentRequest>(context.Request);
        var saved = await content.UpdateAsync(
            id,
            new UpdateContent(body.Name is null ? null : PlainName(body.Name), body.Values, body.UrlSegment, body.Revision),
            UserName(context.User),
            context.RequestAborted);
        return Results.Ok(DocumentResponse.From(saved, snapshots.Current));
    }

    private static async Task<IResult> PublishAsync(Guid id, HttpContext context, ContentService content, IPublishedSnapshotAccessor snapshots)
    {
        var body = await ReadOptionalJsonAsync<PublishRequest>(context.Request) ?? new PublishRequest();
        await content.PublishAsync(id, UserName(context.User), body.IncludeDescendants, context.RequestAborted);
        return Results.Ok(await ItemAsync(id, content, snapshots));
    }

    private static async Task<IResult> UnpublishAsync(Guid id, HttpContext context, ContentService content, IPublishedSnapshotAccessor snapshots)
    {
        await content.UnpublishAsync(id, UserName(context.User), context.RequestAborted);
        return Results.Ok(await ItemAsync(id, content, snapshots));
    }

    private static async Task<IResult> MoveAsync(Guid id, HttpContext context, ContentService content, IPublishedSnapshotAccessor snapshots)
    {
        var body = await ReadJsonAsync<TargetRequest>(context.Request);
        await EnsureInBranchAsync(context, body.TargetId);
        await content.MoveAsync(id, body.TargetId, UserName(context.User), context.RequestAborted);
        return Results.Ok(await ItemAsync(id, content, snapshots));
    }

    private static async Task<IResult> SortAsync(HttpContext context, ContentService content)
    {
        var body = await ReadJsonAsync<SortRequest>(context.Request);
        if (body.Ids is not { Count: > 0 } ids)
        {
            throw Invalid("ids", "List the children's ids in the order they should appear.");
        }

        await EnsureInBranchAsync(context, body.ParentId);

        await content.SortAsync(body.ParentId, ids, UserName(context.User), context.RequestAborted);
        var children = await content.GetChildrenAsync(body.ParentId, context.RequestAborted);
        return Results.Ok(children.Select(DocumentSummary.From).ToList());
    }

    private static async Task<IResult> TrashAsync(Guid id, HttpContext context, ContentService content, IPublishedSnapshotAccessor snapshots)
    {
        await content.TrashAsync(id, UserName(context.User), context.RequestAborted);
        return Results.Ok(await ItemAsync(id, content, snapshots));
    }

    private static async Task<IResult> RestoreAsync(Guid id, HttpContext context, ContentService content, IPublishedSnapshotAccessor snapshots)
    {
        var body = await ReadOptionalJsonAsync<TargetRequest>(context.Request) ?? new TargetRequest(null);
        if (body.TargetId is not null)
        {
            await EnsureInBranchAsync(context, body.TargetId);
        }
        await content.RestoreAsync(id, body.TargetId, UserName(context.User), context.RequestAborted);
        return Results.Ok(await ItemAsync(id, content, snapshots));
    }

    private static async Task<IResult> RollbackAsync(Guid id, HttpContext context, ContentService content, IPublishedSnapshotAccessor snapshots)
    {
        var body = await ReadJsonAsync<RollbackRequest>(context.Request);
        if (body.Version is not { } version || version < 1)
        {
            throw Invalid("version", "Give the number of the version to roll back to (see the versions list).");
        }

        await content.RollbackAsync(id, version, UserName(context.User), body.Publish, context.RequestAborted);
        return Results.Ok(await ItemAsync(id, content, snapshots));
    }

    private static async Task<IResult> ScheduleAsync(Guid id, HttpContext context, ContentService content, IPublishedSnapshotAccessor snapshots)
    {
        var body = await ReadJsonAsync<ScheduleRequest>(context.Request);
        await content.ScheduleAsync(id, body.PublishAt?.UtcDateTime, body.ExpireAt?.UtcDateTime, UserName(context.User), context.RequestAborted);
        return Results.Ok(await ItemAsync(id, content, snapshots));
    }

    private static async Task<IResult> DeleteAsync(Guid id, HttpContext context, ContentService content)
    {
        _ = await content.GetAsync(id, context.RequestAborted) ?? throw ContentException.NotFound("Content", id);
        await content.DeletePermanentlyAsync(id, UserName(context.User), context.RequestAborted);
        return Results.NoContent();
    }

    private static async Task<DocumentResponse> ItemAsync(Guid id, ContentService content, IPublishedSnapshotAccessor snapshots)
    {
        var draft = await content.GetAsync(id) ?? throw ContentException.NotFound("Content", id);
        return DocumentResponse.From(draft, snapshots.Current);
    }

    /// <summary>The engine checks length and emptiness; markup in a page name is refused here, where hostile callers arrive.</summary>
    private static string PlainName(string? name) =>
        name is not null && MarkupRules.ContainsMarkup(name) ? throw Invalid("name", MarkupRules.NoMarkupMessage) : name ?? string.Empty;
}
