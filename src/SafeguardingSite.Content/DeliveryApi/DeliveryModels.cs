using System.Text.Json;
using System.Text.Json.Serialization;

namespace SafeguardingSite.Content.DeliveryApi;

// The response shapes of Umbraco's Delivery API v2, serialised with camelCase names and property aliases as stored.

internal sealed record DeliveryPage<T>(int Total, IReadOnlyList<T> Items);

internal sealed record DeliveryStartItem(Guid Id, string Path);

internal sealed record DeliveryRoute(string Path, DeliveryStartItem StartItem);

/// <summary>A content item; as a picked reference it has no cultures and, unless expanded, no properties.</summary>
internal sealed record DeliveryContentItem(
    string ContentType,
    string Name,
    DateTime CreateDate,
    DateTime UpdateDate,
    DeliveryRoute Route,
    Guid Id,
    IReadOnlyDictionary<string, object?> Properties,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyDictionary<string, object>? Cultures);

/// <summary>
/// A media item; the path and dates appear when it is fetched from the media endpoints, not when it is picked. The
/// library has no focal points or crops yet, so those are always null and empty, as Umbraco writes them for plain files.
/// </summary>
internal sealed record DeliveryMediaItem(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Path,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTime? CreateDate,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTime? UpdateDate,
    Guid Id,
    string Name,
    string MediaType,
    string? Url,
    string? Extension,
    int? Width,
    int? Height,
    long? Bytes,
    IReadOnlyDictionary<string, object?> Properties,
    object? FocalPoint,
    IReadOnlyList<object> Crops);

internal sealed record DeliveryRichText(string Markup, IReadOnlyList<object> Blocks);

internal sealed record DeliveryLink(
    string? Url,
    string? QueryString,
    string? Title,
    string? Target,
    Guid? DestinationId,
    string? DestinationType,
    DeliveryRoute? Route,
    string LinkType);

internal sealed record DeliveryBlockList(IReadOnlyList<DeliveryBlockItem> Items);

internal sealed record DeliveryBlockItem(DeliveryElement Content, DeliveryElement? Settings);

internal sealed record DeliveryElement(string ContentType, Guid Id, IReadOnlyDictionary<string, object?> Properties);

internal static class DeliveryJson
{
    /// <summary>camelCase member names; dictionary keys (property aliases) are written exactly as stored.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web);
}
