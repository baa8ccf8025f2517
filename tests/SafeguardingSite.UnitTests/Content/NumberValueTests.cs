using System.Text.Json.Nodes;
using SafeguardingSite.Content.Model;
using SafeguardingSite.Content.PropertyEditors;

namespace SafeguardingSite.UnitTests.Content;

public class NumberValueTests
{
    private static readonly ContentSchema Schema = new(
        [new DocumentType { Alias = "page", Name = "Page", Properties = [new() { Alias = "count", Name = "Count", DataType = "integer" }] }],
        [new DataType { Alias = "integer", Name = "Integer", EditorAlias = EditorAliases.Integer, ConfigurationJson = "{}" }]);

    [Theory]
    [InlineData(3)]
    [InlineData(3L)]
    [InlineData("3")]
    [InlineData(" 3 ")]
    public void Whole_numbers_are_accepted_however_they_were_built(object value)
    {
        var errors = new Dictionary<string, List<string>>();
        var node = value switch
        {
            int i => JsonValue.Create(i),
            long l => JsonValue.Create(l),
            string s => JsonValue.Create(s),
            _ => null,
        };

        var result = new PropertyValueNormalizer(new RichTextSanitizer()).Normalize(Schema, "page", new JsonObject { ["count"] = node }, errors);

        Assert.Empty(errors);
        Assert.Equal(3, result["count"]!.GetValue<long>());
    }

    [Theory]
    [InlineData("3.5")]
    [InlineData("three")]
    [InlineData("1; DROP TABLE content_nodes")]
    public void Anything_else_is_refused_with_a_reason(string value)
    {
        var errors = new Dictionary<string, List<string>>();

        new PropertyValueNormalizer(new RichTextSanitizer()).Normalize(Schema, "page", new JsonObject { ["count"] = value }, errors);

        Assert.Equal("Must be a whole number.", Assert.Single(errors["count"]));
    }
}
