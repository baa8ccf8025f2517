using System.Collections.Frozen;

namespace SafeguardingSite.Content.Model;

/// <summary>
/// An immutable view of all document and data types, with compositions resolved, so validation and rendering never
/// walk the composition graph or query the database for a type.
/// </summary>
public sealed class ContentSchema
{
    private readonly FrozenDictionary<string, DocumentType> documentTypes;
    private readonly FrozenDictionary<Guid, DocumentType> documentTypesByKey;
    private readonly FrozenDictionary<string, DataType> dataTypes;
    private readonly FrozenDictionary<string, IReadOnlyList<PropertyType>> resolvedProperties;

    public ContentSchema(IEnumerable<DocumentType> documentTypes, IEnumerable<DataType> dataTypes)
    {
        this.documentTypes = documentTypes.ToFrozenDictionary(t => t.Alias, StringComparer.OrdinalIgnoreCase);
        documentTypesByKey = this.documentTypes.Values.ToFrozenDictionary(t => t.Key);
        this.dataTypes = dataTypes.ToFrozenDictionary(t => t.Alias, StringComparer.OrdinalIgnoreCase);
        resolvedProperties = this.documentTypes.Values.ToFrozenDictionary(
            t => t.Alias, t => (IReadOnlyList<PropertyType>)Resolve(t), StringComparer.OrdinalIgnoreCase);
    }

    public static ContentSchema Empty { get; } = new([], []);

    public IEnumerable<DocumentType> DocumentTypes => documentTypes.Values;
    public IEnumerable<DataType> DataTypes => dataTypes.Values;

    public DocumentType? FindDocumentType(string alias) => documentTypes.GetValueOrDefault(alias);
    public DocumentType? FindDocumentType(Guid key) => documentTypesByKey.GetValueOrDefault(key);
    public DataType? FindDataType(string alias) => dataTypes.GetValueOrDefault(alias);

    /// <summary>The type's own properties followed by those of its compositions, each alias once.</summary>
    public IReadOnlyList<PropertyType> PropertiesOf(string documentTypeAlias) =>
        resolvedProperties.GetValueOrDefault(documentTypeAlias) ?? [];

    public PropertyType? FindProperty(string documentTypeAlias, string propertyAlias) =>
        PropertiesOf(documentTypeAlias).FirstOrDefault(p => string.Equals(p.Alias, propertyAlias, StringComparison.OrdinalIgnoreCase));

    private List<PropertyType> Resolve(DocumentType type)
    {
        var result = new List<PropertyType>();
        var seenAliases = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var visitedTypes = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        Collect(type);
        return result.OrderBy(p => p.Group == "Content" ? 0 : 1).ThenBy(p => p.SortOrder).ToList();

        void Collect(DocumentType current)
        {
            if (!visitedTypes.Add(current.Alias))
            {
                return; // a composition cycle is ignored rather than looping forever
            }

            foreach (var property in current.Properties.Where(p => seenAliases.Add(p.Alias)))
            {
                result.Add(property);
            }

            foreach (var composition in current.Compositions)
            {
                if (documentTypes.TryGetValue(composition, out var composed))
                {
                    Collect(composed);
                }
            }
        }
    }
}
