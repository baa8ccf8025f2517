using Microsoft.Extensions.DependencyInjection;
using SafeguardingSite.Content.Model;
using SafeguardingSite.Content.PropertyEditors;
using SafeguardingSite.Content.Services;

namespace SafeguardingSite.Testing;

/// <summary>
/// A small schema for tests that must not depend on the demo content: a home page type and a content page type with
/// one property of every editor, plus a block list with one element type.
/// </summary>
public static class TestSchema
{
    public const string User = "test-user";

    public static async Task DefineAsync(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var schema = services.GetRequiredService<SchemaService>();
        foreach (var (alias, editor, config) in new[]
        {
            ("textstring", EditorAliases.TextBox, "{}"),
            ("textarea", EditorAliases.TextArea, "{}"),
            ("richText", EditorAliases.RichText, "{}"),
            ("integer", EditorAliases.Integer, "{}"),
            ("trueFalse", EditorAliases.TrueFalse, "{}"),
            ("datePicker", EditorAliases.DateTime, "{}"),
            ("contentPicker", EditorAliases.ContentPicker, "{}"),
            ("mediaPicker", EditorAliases.MediaPicker, "{}"),
            ("links", EditorAliases.MultiUrlPicker, "{}"),
            ("tags", EditorAliases.Tags, "{}"),
            ("pageBlocks", EditorAliases.BlockList, """{"allowedTypes":["quoteBlock"]}"""),
        })
        {
            await schema.SaveDataTypeAsync(new DataType { Key = KeyFor(alias), Alias = alias, Name = alias, EditorAlias = editor, ConfigurationJson = config }, User);
        }

        await schema.SaveDocumentTypeAsync(new DocumentType
        {
            Key = KeyFor("quoteBlock"),
            Alias = "quoteBlock",
            Name = "Quote",
            IsElement = true,
            Properties =
            [
                new() { Alias = "quote", Name = "Quote", DataType = "textarea", Mandatory = true },
                new() { Alias = "attribution", Name = "Attribution", DataType = "textstring" },
            ],
        }, User);

        await schema.SaveDocumentTypeAsync(new DocumentType
        {
            Key = KeyFor("contentPage"),
            Alias = "contentPage",
            Name = "Content page",
            AllowedChildTypes = ["contentPage"],
            Properties =
            [
                new() { Alias = "summary", Name = "Summary", DataType = "textarea" },
                new() { Alias = "body", Name = "Body", DataType = "richText" },
                new() { Alias = "priority", Name = "Priority", DataType = "integer" },
                new() { Alias = "featured", Name = "Featured", DataType = "trueFalse" },
                new() { Alias = "reviewDate", Name = "Review date", DataType = "datePicker" },
                new() { Alias = "related", Name = "Related page", DataType = "contentPicker" },
                new() { Alias = "image", Name = "Image", DataType = "mediaPicker" },
                new() { Alias = "links", Name = "Links", DataType = "links" },
                new() { Alias = "topics", Name = "Topics", DataType = "tags" },
                new() { Alias = "blocks", Name = "Blocks", DataType = "pageBlocks" },
                new() { Alias = "phone", Name = "Phone", DataType = "textstring", ValidationRegex = "^[0-9 ]{3,20}$", ValidationRegexMessage = "Enter a phone number." },
            ],
        }, User);

        await schema.SaveDocumentTypeAsync(new DocumentType
        {
            Key = KeyFor("home"),
            Alias = "home",
            Name = "Home",
            AllowAtRoot = true,
            AllowedChildTypes = ["contentPage"],
            Properties = [new() { Alias = "heroTitle", Name = "Hero title", DataType = "textstring", Mandatory = true }],
        }, User);
    }

    /// <summary>Stable keys, so tests can refer to types without looking them up.</summary>
    public static Guid KeyFor(string alias) => new(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes("test-schema:" + alias))[..16]);
}
