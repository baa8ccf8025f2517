using System.Text.Json.Nodes;
using SafeguardingSite.Content.Model;
using SafeguardingSite.Content.Published;
using SafeguardingSite.Content.Services;

namespace SafeguardingSite.Content.ManagementApi;

public sealed record CreateDocumentRequest(Guid? Id, Guid? ParentId, string? DocumentType, string? Name, JsonObject? Values, string? UrlSegment);

public sealed record UpdateDocumentRequest(string? Name, JsonObject? Values, string? UrlSegment, int? Revision);

public sealed record PublishRequest(bool IncludeDescendants = false);

public sealed record TargetRequest(Guid? TargetId);

public sealed record SortRequest(Guid? ParentId, IReadOnlyList<Guid>? Ids);

public sealed record RollbackRequest(int? Version, bool Publish = false);

public sealed record ScheduleRequest(DateTimeOffset? PublishAt, DateTimeOffset? ExpireAt);

public sealed record CreateFolderRequest(Guid? ParentId, string? Name);

public sealed record UpdateMediaRequest(string? Name, string? AltText, int? Revision);

public sealed record CreateApiKeyRequest(string? Name, string? Group);

public sealed record PagedResponse<T>(int? Total, int Skip, int Take, IReadOnlyList<T> Items);

/// <summary>The published side of a document, as the public sees it on this node.</summary>
public sealed record PublishedState(bool Published, bool HasUnpublishedChanges, string? Url, string? PublishedName);

public sealed record DocumentResponse(
    Guid Id,
    Guid? ParentId,
    string DocumentType,
    string Name,
    string UrlSegment,
    int Level,
    int SortOrder,
    int Revision,
    int Version,
    JsonObject Values,
    PublishedState State,
    DateTime? PublishAt,
    DateTime? ExpireAt,
    bool Trashed,
    DateTime CreateDate,
    DateTime UpdateDate,
    string CreatedBy)
{
    public static DocumentResponse From(ContentDraft draft, PublishedSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(snapshot);
        var node = draft.Node;
        var published = snapshot.Find(node.Key);
        return new DocumentResponse(
            node.Key, node.ParentKey, node.DocumentTypeAlias, node.Name, node.UrlSegment, node.Level, node.SortOrder, node.Revision,
            draft.Draft.Number, draft.Values,
            new PublishedState(node.PublishedVersionId is not null, draft.HasUnpublishedChanges, published?.Url, published?.Name),
            node.PublishAt, node.ExpireAt, node.Trashed, node.CreateDate, node.UpdateDate, node.CreatedBy);
    }
}

public sealed record DocumentSummary(Guid Id, Guid? ParentId, string DocumentType, string Name, int SortOrder, bool Published, bool Trashed, DateTime UpdateDate)
{
    public static DocumentSummary From(ContentNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return new(node.Key, node.ParentKey, node.DocumentTypeAlias, node.Name, node.SortOrder, node.PublishedVersionId is not null, node.Trashed, node.UpdateDate);
    }
}

public sealed record VersionResponse(int Number, string Name, string UrlSegment, DateTime CreatedAt, string CreatedBy, string? Note, bool IsDraft, bool IsPublished)
{
    public static VersionResponse From(ContentVersion version, ContentNode node)
    {
        ArgumentNullException.ThrowIfNull(version);
        ArgumentNullException.ThrowIfNull(node);
        return new(version.Number, version.Name, version.UrlSegment, version.CreatedAt, version.CreatedBy, version.Note,
            version.Id == node.DraftVersionId, version.Id == node.PublishedVersionId);
    }
}

public sealed record AuditResponse(long Id, DateTime At, string User, string EntityType, Guid? EntityId, string Action, string? Details)
{
    public static AuditResponse From(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return new(entry.Id, entry.At, entry.User, entry.EntityType, entry.EntityKey, entry.Action, entry.Details);
    }
}

public sealed record MediaResponse(
    Guid Id,
    Guid? ParentId,
    string Name,
    string MediaType,
    string UrlSegment,
    int SortOrder,
    string? Url,
    string? MimeType,
    long Bytes,
    string? AltText,
    int? Width,
    int? Height,
    bool Trashed,
    int Revision,
    DateTime CreateDate,
    DateTime UpdateDate)
{
    public static MediaResponse From(MediaItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return new(item.Key, item.ParentKey, item.Name, item.MediaTypeAlias, item.UrlSegment, item.SortOrder, item.FileUrl, item.MimeType,
            item.Bytes, item.AltText, item.Width, item.Height, item.Trashed, item.Revision, item.CreateDate, item.UpdateDate);
    }
}

public sealed record ApiKeyResponse(Guid Id, string Name, string Group, DateTime CreatedAt, DateTime? RevokedAt)
{
    public static ApiKeyResponse From(ApiKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return new(key.Key, key.Name, key.Group, key.CreatedAt, key.RevokedAt);
    }
}

/// <summary>Returned once, when a key is issued: the token is not stored and cannot be shown again.</summary>
public sealed record IssuedApiKeyResponse(Guid Id, string Name, string Group, DateTime CreatedAt, string Token);

public sealed record DocumentTypeResponse(
    Guid Id,
    string Alias,
    string Name,
    string? Description,
    string Icon,
    bool AllowAtRoot,
    bool IsElement,
    IReadOnlyList<string> AllowedChildTypes,
    IReadOnlyList<string> Compositions,
    IReadOnlyList<PropertyType> Properties,
    string? Template)
{
    /// <summary>With <paramref name="schema"/>, the properties include those of the compositions.</summary>
    public static DocumentTypeResponse From(DocumentType type, ContentSchema? schema = null)
    {
        ArgumentNullException.ThrowIfNull(type);
        return new(type.Key, type.Alias, type.Name, type.Description, type.Icon, type.AllowAtRoot, type.IsElement, type.AllowedChildTypes,
            type.Compositions, schema?.PropertiesOf(type.Alias) ?? type.Properties, type.Template ?? type.Alias);
    }
}

public sealed record DataTypeResponse(Guid Id, string Alias, string Name, string EditorAlias, JsonNode? Configuration)
{
    public static DataTypeResponse From(DataType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return new(type.Key, type.Alias, type.Name, type.EditorAlias, JsonNode.Parse(string.IsNullOrWhiteSpace(type.ConfigurationJson) ? "{}" : type.ConfigurationJson));
    }
}
