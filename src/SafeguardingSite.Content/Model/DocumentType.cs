namespace SafeguardingSite.Content.Model;

/// <summary>
/// The schema of a content node, as in Umbraco: what properties it has, where it may sit in the tree and which
/// template renders it. Element types (<see cref="IsElement"/>) have no URL and are used as blocks.
/// </summary>
public sealed class DocumentType
{
    public Guid Key { get; set; } = Guid.NewGuid();
    public required string Alias { get; set; }
    public required string Name { get; set; }
    public string? Description { get; set; }
    public string Icon { get; set; } = "icon-document";
    public bool AllowAtRoot { get; set; }
    public bool IsElement { get; set; }

    /// <summary>Aliases of the document types that may be created directly below a node of this type.</summary>
    public List<string> AllowedChildTypes { get; set; } = [];

    /// <summary>Aliases of the types whose properties this type includes (Umbraco compositions).</summary>
    public List<string> Compositions { get; set; } = [];

    public List<PropertyType> Properties { get; set; } = [];

    /// <summary>The Razor template, by alias; defaults to the type's own alias.</summary>
    public string? Template { get; set; }
}

public sealed class PropertyType
{
    public Guid Key { get; set; } = Guid.NewGuid();
    public required string Alias { get; set; }
    public required string Name { get; set; }
    public string? Description { get; set; }

    /// <summary>Alias of the data type (a configured property editor) that edits and validates this property.</summary>
    public required string DataType { get; set; }

    public bool Mandatory { get; set; }
    public string? MandatoryMessage { get; set; }
    public string? ValidationRegex { get; set; }
    public string? ValidationRegexMessage { get; set; }
    public string Group { get; set; } = "Content";
    public int SortOrder { get; set; }
}
