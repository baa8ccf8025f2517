using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using SafeguardingSite.Content.Media;
using SafeguardingSite.Content.Services;
using static SafeguardingSite.Content.ManagementApi.ManagementRequests;

namespace SafeguardingSite.Content.ManagementApi;

/// <summary>The media library. Uploads are multipart/form-data with the file in a part named "file".</summary>
internal static class MediaEndpoints
{
    /// <summary>Room for the multipart boundaries and the small text fields beside the file.</summary>
    private const long FormOverheadBytes = 64 * 1024;

    public static void MapMediaEndpoints(this RouteGroupBuilder api)
    {
        var media = api.MapGroup("/media");
        media.MapGet("/{id:guid}", async (Guid id, MediaService service, CancellationToken cancellationToken) =>
            Results.Ok(MediaResponse.From(await service.GetAsync(id, cancellationToken) ?? throw ContentException.NotFound("Media", id))));
        media.MapGet("/root/children", (HttpRequest request, MediaService service) => ChildrenAsync(null, request, service));
        media.MapGet("/{id:guid}/children", (Guid id, HttpRequest request, MediaService service) => ChildrenAsync(id, request, service));
        media.MapPost("/folder", CreateFolderAsync);
        media.MapPost("/", UploadAsync);
        media.MapPut("/{id:guid}", UpdateAsync);
        media.MapPut("/{id:guid}/file", ReplaceFileAsync);
        media.MapPost("/{id:guid}/move", MoveAsync);
        media.MapPost("/{id:guid}/trash", TrashAsync).RequireAuthorization(ManagementPolicies.ContentPublish);
        media.MapPost("/{id:guid}/restore", RestoreAsync).RequireAuthorization(ManagementPolicies.ContentPublish);

        api.MapGet("/recycle-bin/media", async (HttpRequest request, MediaService service) =>
        {
            var (skip, take) = ReadPaging(request);
            var items = await service.GetRecycleBinAsync(request.HttpContext.RequestAborted);
            return Results.Ok(new PagedResponse<MediaResponse>(items.Count, skip, take, items.Skip(skip).Take(take).Select(MediaResponse.From).ToList()));
        });
    }

    private static async Task<IResult> ChildrenAsync(Guid? parentId, HttpRequest request, MediaService service)
    {
        var (skip, take) = ReadPaging(request);
        if (parentId is { } key && await service.GetAsync(key, request.HttpContext.RequestAborted) is null)
        {
            throw ContentException.NotFound("Media", key);
        }

        var children = await service.GetChildrenAsync(parentId, request.HttpContext.RequestAborted);
        return Results.Ok(new PagedResponse<MediaResponse>(children.Count, skip, take, children.Skip(skip).Take(take).Select(MediaResponse.From).ToList()));
    }

    private static async Task<IResult> CreateFolderAsync(HttpContext context, MediaService service)
    {
        var body = await ReadJsonAsync<CreateFolderRequest>(context.Request);
        var folder = await service.CreateFolderAsync(body.ParentId, body.Name, UserName(context.User), context.RequestAborted);
        return Results.Created($"{ManagementApiRegistration.BasePath}/media/{folder.Key}", MediaResponse.From(folder));
    }

    private static async Task<IResult> UploadAsync(HttpContext context, MediaService service)
    {
        var (form, file) = await ReadUploadAsync(context, service);
        var parentId = form["parentId"].ToString() switch
        {
            "" => (Guid?)null,
            var raw when Guid.TryParse(raw, out var key) => key,
            _ => throw Invalid("parentId", "parentId must be a folder's id (a GUID)."),
        };
        var item = await service.UploadAsync(
            new UploadMedia(parentId, NullIfEmpty(form["name"]), NullIfEmpty(form["altText"]), file), UserName(context.User), context.RequestAborted);
        return Results.Created($"{ManagementApiRegistration.BasePath}/media/{item.Key}", MediaResponse.From(item));
    }

    private static async Task<IResult> ReplaceFileAsync(Guid id, HttpContext context, MediaService service)
    {
        var (form, file) = await ReadUploadAsync(context, service);
        var item = await service.ReplaceFileAsync(id, file, NullIfEmpty(form["altText"]), UserName(context.User), context.RequestAborted);
        return Results.Ok(MediaResponse.From(item));
    }

    private static async Task<IResult> UpdateAsync(Guid id, HttpContext context, MediaService service)
    {
        var body = await ReadJsonAsync<UpdateMediaRequest>(context.Request);
        var item = await service.UpdateAsync(id, new UpdateMedia(body.Name, body.AltText, body.Revision), UserName(context.User), context.RequestAborted);
        return Results.Ok(MediaResponse.From(item));
    }

    private static async Task<IResult> MoveAsync(Guid id, HttpContext context, MediaService service)
    {
        var body = await ReadJsonAsync<TargetRequest>(context.Request);
        return Results.Ok(MediaResponse.From(await service.MoveAsync(id, body.TargetId, UserName(context.User), context.RequestAborted)));
    }

    private static async Task<IResult> TrashAsync(Guid id, HttpContext context, MediaService service) =>
        Results.Ok(MediaResponse.From(await service.TrashAsync(id, UserName(context.User), context.RequestAborted)));

    private static async Task<IResult> RestoreAsync(Guid id, HttpContext context, MediaService service) =>
        Results.Ok(MediaResponse.From(await service.RestoreAsync(id, UserName(context.User), context.RequestAborted)));

    /// <summary>Reads the form with limits derived from Media:MaxUploadBytes, so an oversize upload is refused, not buffered.</summary>
    private static async Task<(IFormCollection Form, MediaUpload File)> ReadUploadAsync(HttpContext context, MediaService service)
    {
        var request = context.Request;
        var limit = service.MaxUploadBytes;
        var tooLarge = Invalid("file", $"The file is larger than the {limit / (1024 * 1024.0):0.#} MB limit.");
        if (!request.HasFormContentType || !request.ContentType!.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            throw Invalid("file", "Send the upload as multipart/form-data with the file in a part named 'file'.");
        }

        if (request.ContentLength > limit + FormOverheadBytes)
        {
            throw tooLarge;
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize)
        {
            bodySize.MaxRequestBodySize = limit + FormOverheadBytes;
        }

        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(
                new FormOptions { MultipartBodyLengthLimit = limit + FormOverheadBytes, ValueCountLimit = 20, ValueLengthLimit = 4096 },
                context.RequestAborted);
        }
        catch (InvalidDataException ex)
        {
            throw ex.Message.Contains("limit", StringComparison.OrdinalIgnoreCase) ? tooLarge : Invalid("file", "The multipart form could not be read.");
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw tooLarge;
        }

        var file = form.Files.GetFile("file") ?? throw Invalid("file", "Attach the file in a form part named 'file'.");
        if (file.Length > limit)
        {
            throw tooLarge;
        }

        using var content = new MemoryStream((int)file.Length);
        await file.CopyToAsync(content, context.RequestAborted);
        return (form, new MediaUpload(file.FileName, content.ToArray()));
    }

    private static string? NullIfEmpty(Microsoft.Extensions.Primitives.StringValues value) =>
        value.Count == 0 || string.IsNullOrWhiteSpace(value.ToString()) ? null : value.ToString();
}
