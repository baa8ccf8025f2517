using System.Text.Json.Nodes;
using SafeguardingSite.Content.Model;

namespace SafeguardingSite.Content.Services;

public sealed record CreateContent(
    Guid? ParentKey,
    string DocumentTypeAlias,
    string Name,
    JsonObject? Values = null,
    string? UrlSegment = null,
    Guid? Key = null);

/// <summary>A save of a draft. Values not mentioned keep their current value; a null value clears it.</summary>
public sealed record UpdateContent(
    string? Name = null,
    JsonObject? Values = null,
    string? UrlSegment = null,
    int? ExpectedRevision = null);

/// <summary>A node with its current draft, as editors and the Management API see it.</summary>
public sealed record ContentDraft(ContentNode Node, ContentVersion Draft, bool IsPublished, bool HasUnpublishedChanges)
{
    public JsonObject Values => JsonNode.Parse(Draft.ValuesJson) as JsonObject ?? new JsonObject();
}
