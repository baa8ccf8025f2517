namespace SafeguardingSite.Content.Model;

/// <summary>A property editor with its configuration, reusable across document types (Umbraco's data type).</summary>
public sealed class DataType
{
    public Guid Key { get; set; } = Guid.NewGuid();
    public required string Alias { get; set; }
    public required string Name { get; set; }

    /// <summary>One of <see cref="PropertyEditors.EditorAliases"/>.</summary>
    public required string EditorAlias { get; set; }

    /// <summary>Editor configuration as JSON, e.g. <c>{"allowedTypes":["accordion"]}</c> for a block list.</summary>
    public string ConfigurationJson { get; set; } = "{}";
}
