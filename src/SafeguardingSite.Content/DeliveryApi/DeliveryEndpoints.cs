using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace SafeguardingSite.Content.DeliveryApi;

/// <summary>The content and media endpoints of Umbraco's Delivery API v2.</summary>
internal static class DeliveryEndpoints
{
    public const string BasePath = "/umbraco/delivery/api/v2";

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup(BasePath);
        api.MapGet("/content", (Delegate)QueryContentAsync);
        api.MapGet("/content/item/{**idOrPath}", ContentItemAsync);
        api.MapGet("/content/items", (Delegate)ContentItemsAsync);
        api.MapGet("/media", (Delegate)QueryMediaAsync);
        api.MapGet("/media/item/{**idOrPath}", MediaItemAsync);
        api.MapGet("/media/items", (Delegate)MediaItemsAsync);
    }

    private static async Task<IResult> QueryContentAsync(HttpContext http)
    {
        var errors = new QueryErrors();
        var query = DeliveryQueryParser.ParseQuery(DeliveryTree.Content, Query(http), MaxTake(http), errors);
        var (request, problem) = await DeliveryRequest.ReadAsync(http, errors, query?.Shape ?? OutputShape.Default);
        if (problem is not null)
        {
            return problem;
        }

        var page = DeliverySelector.SelectContent(request!.Snapshot, request.StartItem, query!);
        var output = request.Output;
        return Json(new DeliveryPage<DeliveryContentItem>(page.Total, page.Items.Select(c => output.Content(c, request.Shape)).ToList()));
    }

    private static async Task<IResult> ContentItemAsync(HttpContext http, string? idOrPath)
    {
        var errors = new QueryErrors();
        var shape = DeliveryQueryParser.ParseShape(Query(http), errors);
        var reference = DeliveryQueryParser.ParseReference(string.IsNullOrEmpty(idOrPath) ? "/" : idOrPath, "idOrPath", errors);
        var (request, problem) = await DeliveryRequest.ReadAsync(http, errors, shape);
        if (problem is not null)
        {
            return problem;
        }

        return DeliverySelector.FindContent(request!.Snapshot, request.StartItem, reference!) is { } content
            ? Json(request.Output.Content(content, shape))
            : DeliveryProblems.NotFound("Content item", reference!);
    }

    private static async Task<IResult> ContentItemsAsync(HttpContext http)
    {
        var errors = new QueryErrors();
        var query = Query(http);
        var shape = DeliveryQueryParser.ParseShape(query, errors);
        var ids = DeliveryQueryParser.ParseIds(query, errors);
        var (request, problem) = await DeliveryRequest.ReadAsync(http, errors, shape);
        if (problem is not null)
        {
            return problem;
        }

        var output = request!.Output;
        return Json(ids
            .Select(id => DeliverySelector.FindContent(request.Snapshot, request.StartItem, new ItemReference(id, null)))
            .OfType<Published.PublishedContent>()
            .Select(c => output.Content(c, shape))
            .ToList());
    }

    private static async Task<IResult> QueryMediaAsync(HttpContext http)
    {
        var errors = new QueryErrors();
        var query = DeliveryQueryParser.ParseQuery(DeliveryTree.Media, Query(http), MaxTake(http), errors);
        var (request, problem) = await DeliveryRequest.ReadAsync(http, errors, query?.Shape ?? OutputShape.Default);
        if (problem is not null)
        {
            return problem;
        }

        var page = DeliverySelector.SelectMedia(request!.Snapshot, query!);
        return Json(new DeliveryPage<DeliveryMediaItem>(page.Total, page.Items.Select(m => DeliveryOutput.Media(m, request.Shape)).ToList()));
    }

    private static async Task<IResult> MediaItemAsync(HttpContext http, string? idOrPath)
    {
        var errors = new QueryErrors();
        var shape = DeliveryQueryParser.ParseShape(Query(http), errors);
        var reference = DeliveryQueryParser.ParseReference(idOrPath ?? string.Empty, "idOrPath", errors);
        var (request, problem) = await DeliveryRequest.ReadAsync(http, errors, shape);
        if (problem is not null)
        {
            return problem;
        }

        return DeliverySelector.FindMedia(request!.Snapshot, reference!) is { } media
            ? Json(DeliveryOutput.Media(media, shape))
            : DeliveryProblems.NotFound("Media item", reference!);
    }

    private static async Task<IResult> MediaItemsAsync(HttpContext http)
    {
        var errors = new QueryErrors();
        var query = Query(http);
        var shape = DeliveryQueryParser.ParseShape(query, errors);
        var ids = DeliveryQueryParser.ParseIds(query, errors);
        var (request, problem) = await DeliveryRequest.ReadAsync(http, errors, shape);
        if (problem is not null)
        {
            return problem;
        }

        return Json(ids
            .Select(request!.Snapshot.FindMedia)
            .OfType<Published.PublishedMedia>()
            .Select(m => DeliveryOutput.Media(m, shape))
            .ToList());
    }

    private static Dictionary<string, StringValues> Query(HttpContext http) =>
        http.Request.Query.ToDictionary(q => q.Key, q => q.Value, StringComparer.OrdinalIgnoreCase);

    private static int MaxTake(HttpContext http) =>
        http.RequestServices.GetRequiredService<IOptions<DeliveryApiOptions>>().Value.MaxTake;

    private static IResult Json<T>(T value) => Results.Json(value, DeliveryJson.Options);
}
