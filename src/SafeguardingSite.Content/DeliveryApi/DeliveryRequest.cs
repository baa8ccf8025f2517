using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using SafeguardingSite.Content.Published;

namespace SafeguardingSite.Content.DeliveryApi;

/// <summary>
/// What the Delivery API headers ask for: the live snapshot, or (with Preview: true and the right Api-Key) a snapshot of
/// the drafts, and the root named by Start-Item. Accept-Language needs nothing: all content is invariant en-GB.
/// </summary>
internal sealed record DeliveryRequest(PublishedSnapshot Snapshot, PublishedContent? StartItem, OutputShape Shape)
{
    public const string PreviewHeader = "Preview";
    public const string ApiKeyHeader = "Api-Key";
    public const string StartItemHeader = "Start-Item";

    public DeliveryOutput Output => new(Snapshot);

    /// <summary>The request's context, or the 400/401 problem response that explains why it cannot be served.</summary>
    public static async Task<(DeliveryRequest? Request, IResult? Problem)> ReadAsync(HttpContext http, QueryErrors errors, OutputShape shape)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(errors);
        var headers = http.Request.Headers;
        PublishedSnapshot snapshot;
        if (string.Equals(headers[PreviewHeader].ToString().Trim(), "true", StringComparison.OrdinalIgnoreCase))
        {
            var options = http.RequestServices.GetRequiredService<IOptions<DeliveryApiOptions>>().Value;
            if (!IsValidKey(options.ApiKey, headers[ApiKeyHeader]))
            {
                return (null, DeliveryProblems.Unauthorized());
            }

            // Drafts must never land in a shared cache.
            http.Response.Headers.CacheControl = "no-store";
            snapshot = await http.RequestServices.GetRequiredService<PublishedSnapshotService>().BuildPreviewAsync(http.RequestAborted);
        }
        else
        {
            snapshot = http.RequestServices.GetRequiredService<IPublishedSnapshotAccessor>().Current;
        }

        PublishedContent? startItem = null;
        if (headers[StartItemHeader].ToString().Trim() is { Length: > 0 } start)
        {
            startItem = start.Length > DeliveryQueryParser.MaxValueLength ? null : DeliverySelector.FindRoot(snapshot, start);
            if (startItem is null)
            {
                errors.Add(StartItemHeader, $"'{DeliveryText.Excerpt(start)}' is not the id, URL segment or path of a root item.");
            }
        }

        return errors.Any ? (null, DeliveryProblems.BadRequest(errors)) : (new DeliveryRequest(snapshot, startItem, shape), null);
    }

    /// <summary>Compares hashes in constant time, so neither the key's content nor its length leaks through timing.</summary>
    internal static bool IsValidKey(string? configured, StringValues provided)
    {
        var given = provided.ToString();
        if (string.IsNullOrEmpty(configured) || string.IsNullOrEmpty(given))
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(configured)),
            SHA256.HashData(Encoding.UTF8.GetBytes(given)));
    }
}

internal static class DeliveryProblems
{
    public static IResult BadRequest(QueryErrors errors) => Results.ValidationProblem(
        errors.ToDictionary(),
        detail: errors.ToString(),
        title: "The Delivery API request is not valid.");

    public static IResult Unauthorized() => Results.Problem(
        statusCode: StatusCodes.Status401Unauthorized,
        title: "Preview needs a valid API key.",
        detail: $"Send the {DeliveryRequest.ApiKeyHeader} header with the configured Delivery API key together with {DeliveryRequest.PreviewHeader}: true.");

    public static IResult NotFound(string what, ItemReference reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        return Results.Problem(
            statusCode: StatusCodes.Status404NotFound,
            title: $"{what} not found.",
            detail: $"No {what.ToLowerInvariant()} has the {(reference.Key is null ? "path" : "id")} '{DeliveryText.Excerpt(reference.ToString(), 120)}'.");
    }
}
