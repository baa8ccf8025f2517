using System.Text.Json.Nodes;
using SafeguardingSite.Content.Model;
using SafeguardingSite.Content.PropertyEditors;
using SafeguardingSite.Content.USync;

namespace SafeguardingSite.UnitTests.USync;

public sealed class USyncFormatTests
{
    private static readonly DataType TextBox = new() { Key = Guid.Parse("0b7f0d0e-7a8f-4a36-9c1e-6d2a1c3e5f01"), Alias = "textstring", Name = "Textstring", EditorAlias = EditorAliases.TextBox };
    private static readonly DataType Blocks = new()
    {
        Key = Guid.Parse("0b7f0d0e-7a8f-4a36-9c1e-6d2a1c3e5f02"),
        Alias = "pageBlocks",
        Name = "Page blocks",
        EditorAlias = EditorAliases.BlockList,
        ConfigurationJson = """{"allowedTypes":["quoteBlock"]}""",
    };

    [Fact]
    public void A_data_type_is_written_in_the_usync_shape_and_reads_back()
    {
        var xml = USyncFormat.WriteDataType(Blocks);

        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<DataType Key=\"0b7f0d0e-7a8f-4a36-9c1e-6d2a1c3e5f02\" Alias=\"pageBlocks\" Level=\"1\">\n  <Info>\n    <Name>Page blocks</Name>\n    <EditorAlias>Umbraco.BlockList</EditorAlias>", xml, StringComparison.Ordinal);
        Assert.Contains("<Config><![CDATA[{\n  \"allowedTypes\": [\n    \"quoteBlock\"\n  ]\n}]]></Config>", xml, StringComparison.Ordinal);
        var read = USyncFormat.ReadDataType(xml);
        Assert.Equal((Blocks.Key, Blocks.Alias, Blocks.Name, Blocks.EditorAlias), (read.Key, read.Alias, read.Name, read.EditorAlias));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(Blocks.ConfigurationJson), JsonNode.Parse(read.ConfigurationJson)));
        Assert.Equal(xml, USyncFormat.WriteDataType(read));
    }

    [Fact]
    public void A_document_type_round_trips_with_compositions_children_and_validation()
    {
        var seo = new DocumentType { Key = Guid.NewGuid(), Alias = "seoComposition", Name = "SEO" };
        var page = new DocumentType
        {
            Key = Guid.NewGuid(),
            Alias = "contentPage",
            Name = "Content page",
            Description = "A page & its <parts>",
            AllowedChildTypes = ["contentPage"],
            Compositions = ["seoComposition"],
            Properties =
            [
                new() { Alias = "phone", Name = "Phone", DataType = "textstring", Mandatory = true, ValidationRegex = "^[0-9 ]{3,20}$", ValidationRegexMessage = "Digits only", Group = "Contact details", SortOrder = 1 },
                new() { Alias = "blocks", Name = "Blocks", DataType = "pageBlocks", Description = "Shown after the body", SortOrder = 0 },
            ],
        };
        var schema = new ContentSchema([seo, page], [TextBox, Blocks]);

        var xml = USyncFormat.WriteDocumentType(page, schema);
        var read = USyncFormat.ReadDocumentType(xml, new Dictionary<Guid, string> { [TextBox.Key] = TextBox.Alias, [Blocks.Key] = Blocks.Alias });

        Assert.Contains($"<Composition Key=\"{seo.Key}\">seoComposition</Composition>", xml, StringComparison.Ordinal);
        Assert.Contains($"<ContentType Key=\"{page.Key}\" SortOrder=\"0\">contentPage</ContentType>", xml, StringComparison.Ordinal);
        Assert.Contains("<Tab Alias=\"contactDetails\">Contact details</Tab>", xml, StringComparison.Ordinal);
        Assert.Contains($"<Definition>{TextBox.Key}</Definition>", xml, StringComparison.Ordinal);
        Assert.Equal(xml, USyncFormat.WriteDocumentType(read, schema));
        var phone = read.Properties.Single(p => p.Alias == "phone");
        Assert.Equal(("textstring", true, "^[0-9 ]{3,20}$", "Digits only", "Contact details"), (phone.DataType, phone.Mandatory, phone.ValidationRegex, phone.ValidationRegexMessage, phone.Group));
    }

    [Fact]
    public void A_property_naming_an_unknown_data_type_is_reported_with_its_line()
    {
        var schema = new ContentSchema([], [TextBox]);
        var xml = USyncFormat.WriteDocumentType(new DocumentType { Alias = "home", Name = "Home", Properties = [new() { Alias = "title", Name = "Title", DataType = "textstring" }] }, schema);

        var error = Assert.Throws<USyncFormatException>(() => USyncFormat.ReadDocumentType(xml, new Dictionary<Guid, string>()));

        Assert.Contains($"Property 'title' uses data type {TextBox.Key}", error.Message, StringComparison.Ordinal);
        Assert.NotNull(error.Line);
    }

    [Fact]
    public void Content_values_round_trip_including_text_that_would_end_a_cdata_section()
    {
        var item = new USyncContentItem(Guid.NewGuid(), Guid.NewGuid(), "Safer sleep", "safer-sleep-advice", "contentPage", 2, 3, Published: false,
            new Dictionary<string, string> { ["summary"] = "Ends ]]> here & <b>there</b>", ["featured"] = "1" });

        var xml = USyncFormat.WriteContent(item, "Parents and carers", "/Home/ParentsAndCarers/SaferSleep");
        var read = USyncFormat.ReadContent(xml);

        Assert.Equal((item.Key, item.ParentKey, item.Name, item.UrlSegment, item.ContentType, item.Level, item.SortOrder, item.Published),
            (read.Key, read.ParentKey, read.Name, read.UrlSegment, read.ContentType, read.Level, read.SortOrder, read.Published));
        Assert.Equal(item.RawValues, read.RawValues);
        Assert.Equal(xml, USyncFormat.WriteContent(read, "Parents and carers", "/Home/ParentsAndCarers/SaferSleep"));
    }

    [Fact]
    public void A_root_item_has_an_empty_parent_key()
    {
        var xml = USyncFormat.WriteContent(new USyncContentItem(Guid.NewGuid(), null, "Home", null, "home", 1, 0, true, new Dictionary<string, string>()), null, "/Home");

        Assert.Contains("<Parent Key=\"00000000-0000-0000-0000-000000000000\" />", xml, StringComparison.Ordinal);
        Assert.Null(USyncFormat.ReadContent(xml).ParentKey);
    }

    [Fact]
    public void Content_is_published_unless_the_file_says_otherwise()
    {
        const string Minimal = "<Content Key=\"00000000-0000-0000-0000-000000000001\" Alias=\"x\"><Info><Parent /><NodeName Default=\"Help\" /><ContentType>contentPage</ContentType></Info><Properties /></Content>";

        Assert.True(USyncFormat.ReadContent(Minimal).Published);
        Assert.False(USyncFormat.ReadContent(Minimal.Replace("</Info>", "<Published Default=\"false\" /></Info>", StringComparison.Ordinal)).Published);
    }

    [Theory]
    [InlineData("<Content>", "The XML is not well formed")]
    [InlineData("<DataType Key=\"00000000-0000-0000-0000-000000000001\" Alias=\"x\" />", "Expected a <Content> element")]
    [InlineData("<Content Key=\"nope\" Alias=\"x\"><Info><Parent /></Info></Content>", "The Key attribute of <Content> must be a GUID, not 'nope'.")]
    [InlineData("<Content Key=\"00000000-0000-0000-0000-000000000001\" Alias=\"x\"><Info><Parent Key=\"\" /></Info></Content>", "<Parent Key> must be a GUID")]
    [InlineData("<Content Key=\"00000000-0000-0000-0000-000000000001\" Alias=\"x\"><Info><Parent /><Trashed>maybe</Trashed></Info></Content>", "'maybe' in <Trashed> is not true or false.")]
    [InlineData("<!DOCTYPE x [<!ENTITY a \"aaaa\"><!ENTITY b \"&a;&a;&a;&a;\">]><Content Key=\"00000000-0000-0000-0000-000000000001\">&b;</Content>", "The XML is not well formed")]
    public void Malformed_content_files_say_what_is_wrong(string xml, string expected)
    {
        var error = Assert.Throws<USyncFormatException>(() => USyncFormat.ReadContent(xml));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Raw_values_use_text_for_simple_editors_and_json_for_structured_ones()
    {
        Assert.Equal("1", USyncFormat.ToRawValue(JsonValue.Create(true)));
        Assert.Equal("0", USyncFormat.ToRawValue(JsonValue.Create(false)));
        Assert.Equal("42", USyncFormat.ToRawValue(JsonValue.Create(42)));
        Assert.Equal("<p>Hi</p>", USyncFormat.ToRawValue(JsonValue.Create("<p>Hi</p>")));
        Assert.Equal("[\n  \"neglect\"\n]", USyncFormat.ToRawValue(new JsonArray("neglect")));

        Assert.Equal("[1,2]", USyncFormat.FromRawValue("[1,2]", EditorAliases.TextBox, "title")!.GetValue<string>());
        Assert.True(JsonNode.DeepEquals(new JsonArray("neglect"), USyncFormat.FromRawValue("[\"neglect\"]", EditorAliases.Tags, "topics")));
        Assert.Null(USyncFormat.FromRawValue("  ", EditorAliases.BlockList, "blocks"));
        var error = Assert.Throws<USyncFormatException>(() => USyncFormat.FromRawValue("{not json", EditorAliases.BlockList, "blocks"));
        Assert.StartsWith("The value of 'blocks' (Umbraco.BlockList) is not valid JSON", error.Message, StringComparison.Ordinal);
    }
}
