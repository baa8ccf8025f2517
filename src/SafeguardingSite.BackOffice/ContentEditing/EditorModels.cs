using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using SafeguardingSite.BackOffice.Extensibility;
using SafeguardingSite.Content.Model;
using SafeguardingSite.Content.PropertyEditors;

namespace SafeguardingSite.BackOffice.ContentEditing;

/// <summary>Something a picker can choose: a page (with its place in the tree) or a media item.</summary>
public sealed record PickOption(Guid Key, string Label);

/// <summary>What every property partial needs besides its own value: the schema, the errors and the pickers' choices.</summary>
public sealed class EditorContext(ContentSchema schema, ModelStateDictionary state, IReadOnlyList<PickOption> pages, IReadOnlyList<PickOption> media, string? focusPath)
{
    public ContentSchema Schema { get; } = schema;
    public IReadOnlyList<PickOption> Pages { get; } = pages;
    public IReadOnlyList<PickOption> Media { get; } = media;
    public string? FocusPath { get; } = focusPath;

    public string? ErrorFor(string path) =>
        state.TryGetValue(path, out var entry) && entry.Errors.Count > 0 ? string.Join(" ", entry.Errors.Select(e => e.ErrorMessage)) : null;

    public IEnumerable<PropertyField> Fields(string typeAlias, JsonObject values, string prefix) =>
        Schema.PropertiesOf(typeAlias).Select(p => Field(p, values, prefix)).OfType<PropertyField>();

    private PropertyField? Field(PropertyType property, JsonObject values, string prefix) =>
        Schema.FindDataType(property.DataType) is { } dataType
            ? new PropertyField(prefix + property.Alias, property, dataType,
                values.FirstOrDefault(v => string.Equals(v.Key, property.Alias, StringComparison.OrdinalIgnoreCase)).Value, this)
            : null;
}

/// <summary>One property on the form: its path (also its field name and error key), type, editor and current value.</summary>
public sealed record PropertyField(string Path, PropertyType Property, DataType DataType, JsonNode? Value, EditorContext Context)
{
    public string Name => EditorForm.FieldName(Path);
    public string Id => FieldIds.For(Path);
    public string? Error => Context.ErrorFor(Path);
    public string? Text => EditorValues.Text(Value);
    public bool Autofocus => Context.FocusPath == Path;

    /// <summary>The ids aria-describedby should name: the hint and the error, when present.</summary>
    public string? DescribedBy
    {
        get
        {
            var ids = new[] { Property.Description is null ? null : Id + "-hint", Error is null ? null : Id + "-error" }.OfType<string>().ToList();
            return ids.Count == 0 ? null : string.Join(' ', ids);
        }
    }

    /// <summary>The partial under Views/Content/Editors that edits this property, one per property editor.</summary>
    public string Partial => DataType.EditorAlias switch
    {
        EditorAliases.TextBox => "_TextBox",
        EditorAliases.TextArea => "_TextArea",
        EditorAliases.RichText => "_RichText",
        EditorAliases.Integer or EditorAliases.Decimal => "_Number",
        EditorAliases.TrueFalse => "_TrueFalse",
        EditorAliases.DateTime => "_Date",
        EditorAliases.ContentPicker => "_ContentPicker",
        EditorAliases.MediaPicker => "_MediaPicker",
        EditorAliases.MultiUrlPicker => "_Links",
        EditorAliases.Tags => "_Tags",
        EditorAliases.BlockList => "_BlockList",
        _ => "_TextBox",
    };

    public string EditorPath => "/Areas/BackOffice/Views/Content/Editors/" + Partial + ".cshtml";
}

/// <summary>The editor screen for an existing page (Key set) or a new one (Parent and type only).</summary>
public sealed record EditorPage(
    Guid? Key,
    Guid? ParentKey,
    DocumentType Type,
    string Name,
    int? Revision,
    JsonObject Values,
    EditorContext Context,
    EditorStatus? Status,
    EditorActions Actions,
    IReadOnlyList<ContentEditorPanel> Panels)
{
    public string FormAction => Key is { } key
        ? $"/umbraco/content/{key}"
        : $"/umbraco/content/new?type={Uri.EscapeDataString(Type.Alias)}" + (ParentKey is { } parent ? $"&parent={parent}" : string.Empty);

    /// <summary>Properties by group (Umbraco's tabs/groups), in the order the document type gives them.</summary>
    public IEnumerable<IGrouping<string, PropertyField>> Groups => Context.Fields(Type.Alias, Values, string.Empty).GroupBy(f => f.Property.Group);
}

public sealed record EditorStatus(string Badge, string BadgeClass, DateTime Updated, string? PublicUrl, DateTime? PublishAt, DateTime? ExpireAt);

/// <summary>What this user may do with this page, decided with IBackOfficePermissions for its branch.</summary>
public sealed record EditorActions(bool CanEdit, bool CanCreate, bool CanPublish, bool CanSubmit, bool CanDelete, bool HasChildren)
{
    public static EditorActions None { get; } = new(false, false, false, false, false, false);
}
