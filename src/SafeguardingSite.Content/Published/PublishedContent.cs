using System.Text.Json;
using SafeguardingSite.Content.Model;

namespace SafeguardingSite.Content.Published;

/// <summary>
/// A content node as the public (or a previewing editor) sees it. Instances are immutable and shared by every request
/// that reads the same snapshot; property values are JsonElements, which cannot be modified.
/// </summary>
public sealed class PublishedContent
{
    private readonly List<PublishedContent> children = [];

    internal PublishedContent(
        ContentNode node, ContentVersion version, IReadOnlyDictionary<string, JsonElement> properties)
    {
        Key = node.Key;
        ParentKey = node.ParentKey;
        ContentTypeAlias = node.DocumentTypeAlias;
        SortOrder = node.SortOrder;
        CreateDate = node.CreateDate;
        UpdateDate = version.CreatedAt;
        Name = version.Name;
        UrlSegment = version.UrlSegment;
        VersionId = version.Id;
        Properties = properties;
    }

    public Guid Key { get; }
    public Guid? ParentKey { get; }
    public string ContentTypeAlias { get; }
    public string Name { get; }
    public string UrlSegment { get; }
    public int SortOrder { get; }
    public DateTime CreateDate { get; }
    public DateTime UpdateDate { get; }
    public Guid VersionId { get; }
    public IReadOnlyDictionary<string, JsonElement> Properties { get; }

    /// <summary>The public path with a trailing slash, e.g. /parents-and-carers/safer-sleep/.</summary>
    public string Url { get; internal set; } = "/";

    public int Level { get; internal set; }
    public PublishedContent? Parent { get; internal set; }
    public IReadOnlyList<PublishedContent> Children => children;

    /// <summary>The top of this node's branch: for a page under the home page, the home page.</summary>
    public PublishedContent Root
    {
        get
        {
            var current = this;
            while (current.Parent is not null)
            {
                current = current.Parent;
            }

            return current;
        }
    }

    public IEnumerable<PublishedContent> Ancestors()
    {
        for (var current = Parent; current is not null; current = current.Parent)
        {
            yield return current;
        }
    }

    public IEnumerable<PublishedContent> Descendants()
    {
        foreach (var child in children)
        {
            yield return child;
            foreach (var descendant in child.Descendants())
            {
                yield return descendant;
            }
        }
    }

    public bool HasValue(string alias) => PropertyReader.HasValue(Properties, alias);

    public string? Text(string alias) => PropertyReader.Text(Properties, alias);

    public bool Flag(string alias) => PropertyReader.Flag(Properties, alias);

    public IReadOnlyList<string> Tags(string alias) => PropertyReader.Tags(Properties, alias);

    internal void AddChild(PublishedContent child) => children.Add(child);

    internal void SortChildren() => children.Sort((a, b) => a.SortOrder != b.SortOrder
        ? a.SortOrder.CompareTo(b.SortOrder)
        : string.CompareOrdinal(a.Name, b.Name));
}
