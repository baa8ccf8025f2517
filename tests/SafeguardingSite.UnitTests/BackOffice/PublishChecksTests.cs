using System.Text.Json.Nodes;
using SafeguardingSite.BackOffice.Checks;
using SafeguardingSite.Content.Model;
using SafeguardingSite.Content.PropertyEditors;

namespace SafeguardingSite.UnitTests.BackOffice;

public class PublishChecksTests
{
    private static readonly Guid Photo = Guid.Parse("3f0c8f1e-8f51-4b1e-9d4c-1b2a3c4d5e6f");
    private static readonly Guid Leaflet = Guid.Parse("7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d");
    private static readonly PublishCheckOptions Options = new();

    private static readonly ContentSchema Schema = new(
    [
        new DocumentType
        {
            Alias = "page", Name = "Page",
            Properties =
            [
                new() { Alias = "summary", Name = "Summary", DataType = "textarea" },
                new() { Alias = "body", Name = "Body", DataType = "richText" },
                new() { Alias = "image", Name = "Image", DataType = "mediaPicker" },
                new() { Alias = "links", Name = "Related links", DataType = "links" },
                new() { Alias = "blocks", Name = "Blocks", DataType = "blocks" },
            ],
        },
        new DocumentType
        {
            Alias = "imageBlock", Name = "Image with caption", IsElement = true,
            Properties = [new() { Alias = "image", Name = "Image", DataType = "mediaPicker" }, new() { Alias = "text", Name = "Text", DataType = "richText" }],
        },
    ],
    [
        new DataType { Alias = "textarea", Name = "Textarea", EditorAlias = EditorAliases.TextArea },
        new DataType { Alias = "richText", Name = "Rich text", EditorAlias = EditorAliases.RichText },
        new DataType { Alias = "mediaPicker", Name = "Media", EditorAlias = EditorAliases.MediaPicker },
        new DataType { Alias = "links", Name = "Links", EditorAlias = EditorAliases.MultiUrlPicker },
        new DataType { Alias = "blocks", Name = "Blocks", EditorAlias = EditorAliases.BlockList },
    ]);

    private static IReadOnlyList<PublishWarning> Check(JsonObject values, bool youngPeople = false, Dictionary<Guid, MediaFacts>? media = null) =>
        PublishChecks.Run(new CheckedPage(Schema, "page", values, media ?? new()
        {
            [Photo] = new MediaFacts("Family at the park", IsImage: true, AltText: null),
            [Leaflet] = new MediaFacts("Leaflet", IsImage: false, AltText: null),
        }, youngPeople), Options);

    [Fact]
    public void A_clean_page_has_no_warnings()
    {
        var warnings = Check(new JsonObject
        {
            ["body"] = "<h2>Who to call</h2><p>Call <a href=\"/contact/\">the children's front door team</a>.</p><img src=\"/media/a.jpg\" alt=\"A social worker\"><h3>Out of hours</h3>",
            ["links"] = new JsonArray(new JsonObject { ["name"] = "Report a concern", ["url"] = "https://example.org/report" }),
        });

        Assert.Empty(warnings);
    }

    [Theory]
    [InlineData("<p><a href=\"/x/\">Click here</a></p>", "Click here")]
    [InlineData("<p><a href=\"/x/\">read more…</a></p>", "read more…")]
    [InlineData("<p><a href=\"/x/\"> HERE </a></p>", "HERE")]
    [InlineData("<p><a href=\"/x/\">More</a></p>", "More")]
    [InlineData("<p><a href=\"/x/\">link</a></p>", "link")]
    public void Vague_link_text_in_rich_text_is_named(string html, string shown)
    {
        var warning = Assert.Single(Check(new JsonObject { ["body"] = html }));

        Assert.Equal("body", warning.Field);
        Assert.Equal("Body", warning.FieldName);
        Assert.Contains($"\"{shown}\"", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_link_is_found_but_one_named_by_its_image_is_not()
    {
        var warnings = Check(new JsonObject
        {
            ["body"] = "<p><a href=\"/empty/\"></a><a href=\"/logo/\"><img src=\"/l.png\" alt=\"Northdale home page\"></a><a href=\"/labelled/\" aria-label=\"Contact us\"></a></p>",
        });

        var warning = Assert.Single(warnings);
        Assert.Contains("/empty/", warning.Message, StringComparison.Ordinal);
        Assert.Contains("no text", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Link_pickers_with_vague_or_missing_names_are_found_but_a_picked_page_without_a_name_is_fine()
    {
        var warnings = Check(new JsonObject
        {
            ["links"] = new JsonArray(
                new JsonObject { ["name"] = "Click here", ["url"] = "https://example.org/a" },
                new JsonObject { ["name"] = "", ["url"] = "https://example.org/b" },
                new JsonObject { ["name"] = "", ["contentKey"] = Guid.NewGuid().ToString() }),
        });

        Assert.Equal(2, warnings.Count);
        Assert.All(warnings, w => Assert.Equal("links", w.Field));
        Assert.Contains(warnings, w => w.Message.Contains("\"Click here\"", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.Message.Contains("example.org/b", StringComparison.Ordinal));
    }

    [Fact]
    public void Images_without_alt_text_are_found_in_rich_text_pickers_and_blocks()
    {
        var warnings = Check(new JsonObject
        {
            ["body"] = "<p><img src=\"/media/abc/diagram.png\"><img src=\"/media/ok.png\" alt=\"Three steps\"><img src=\"/media/blank.png\" alt=\"  \"></p>",
            ["image"] = new JsonArray(new JsonObject { ["key"] = Guid.NewGuid().ToString(), ["mediaKey"] = Photo.ToString() }),
            ["blocks"] = Blocks(new JsonObject { ["alias"] = "image", ["value"] = new JsonArray(new JsonObject { ["mediaKey"] = Photo.ToString() }) }),
        });

        Assert.Equal(4, warnings.Count);
        Assert.Equal(2, warnings.Count(w => w.Field == "body"));
        Assert.Contains(warnings, w => w.Field == "body" && w.Message.Contains("diagram.png", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.Field == "image" && w.Message.Contains("Family at the park", StringComparison.Ordinal));
        var block = Assert.Single(warnings, w => w.Field == "blocks");
        Assert.Contains("block 1 (Image with caption), Image", block.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_picked_file_needs_no_alt_text_but_missing_media_is_reported()
    {
        var gone = Guid.NewGuid();
        var warnings = Check(new JsonObject
        {
            ["image"] = new JsonArray(new JsonObject { ["mediaKey"] = Leaflet.ToString() }, new JsonObject { ["mediaKey"] = gone.ToString() }),
        });

        var warning = Assert.Single(warnings);
        Assert.Contains("no longer in the media library", warning.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<h2>A</h2><h4>B</h4>", "level 4 but follows level 2")]
    [InlineData("<h3>Starts too deep</h3>", "level 3 but follows level 1")]
    [InlineData("<h2>A</h2><h3>B</h3><h2>C</h2><h5>D</h5>", "level 5 but follows level 2")]
    public void Skipped_heading_levels_are_found(string html, string expected)
    {
        var warning = Assert.Single(Check(new JsonObject { ["body"] = html }));

        Assert.Contains(expected, warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Going_back_up_the_heading_levels_is_fine()
    {
        Assert.Empty(Check(new JsonObject { ["body"] = "<h2>A</h2><h3>B</h3><h4>C</h4><h2>D</h2><h3>E</h3>" }));
    }

    [Fact]
    public void Rich_text_inside_blocks_is_checked_too()
    {
        var warnings = Check(new JsonObject
        {
            ["blocks"] = Blocks(new JsonObject { ["alias"] = "text", ["value"] = "<h4>Deep</h4><p><a href=\"/a/\">here</a></p>" }),
        });

        Assert.Equal(2, warnings.Count);
        Assert.All(warnings, w => Assert.Equal("blocks", w.Field));
    }

    private const string HardText =
        "Safeguarding partnerships must demonstrate comprehensive multi-agency arrangements, incorporating independent scrutiny, " +
        "systematic evaluation of organisational effectiveness and continuous professional development opportunities. " +
        "Practitioners are expected to understand the statutory responsibilities associated with information sharing, " +
        "consideration of proportionality, and the documentation requirements accompanying professional judgements.";

    private const string EasyText =
        "If you are worried, talk to someone you trust. It could be a teacher, a friend or a family member. " +
        "You can call Childline at any time. It is free and they will not tell anyone. You are not in trouble. " +
        "It is not your fault. We are here to help you and keep you safe.";

    [Fact]
    public void Hard_text_for_young_people_gets_a_reading_age_warning_on_its_field()
    {
        var warnings = Check(new JsonObject { ["body"] = $"<p>{HardText}</p>", ["summary"] = EasyText }, youngPeople: true);

        var warning = Assert.Single(warnings);
        Assert.Equal("body", warning.Field);
        Assert.Contains("Reads at about age", warning.Message, StringComparison.Ordinal);
        Assert.Contains("age 11 or under", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_text_elsewhere_on_the_site_is_not_measured()
    {
        Assert.Empty(Check(new JsonObject { ["body"] = $"<p>{HardText}</p>" }, youngPeople: false));
    }

    [Fact]
    public void The_target_is_configurable()
    {
        var page = new CheckedPage(Schema, "page", new JsonObject { ["body"] = $"<p>{HardText}</p>" }, new Dictionary<Guid, MediaFacts>(), true);

        Assert.Empty(PublishChecks.Run(page, new PublishCheckOptions { ReadingAgeTarget = 40 }));
        Assert.Single(PublishChecks.Run(page, new PublishCheckOptions { ReadingAgeTarget = 11 }));
    }

    [Fact]
    public void Short_fields_are_not_given_a_reading_age()
    {
        Assert.Empty(Check(new JsonObject { ["body"] = "<p>Comprehensive multi-agency safeguarding arrangements.</p>" }, youngPeople: true));
    }

    [Fact]
    public void Hostile_or_broken_values_do_not_throw()
    {
        var warnings = Check(new JsonObject
        {
            ["body"] = "<script>alert(1)</script><a href=\"javascript:x\">click here<h2 <<<",
            ["image"] = "not-a-key",
            ["links"] = new JsonArray(JsonValue.Create(5), null),
            ["blocks"] = new JsonObject { ["contentData"] = new JsonArray(new JsonObject { ["contentTypeAlias"] = "nope" }, JsonValue.Create("x")) },
            ["summary"] = 42,
        });

        Assert.Contains(warnings, w => w.Message.Contains("click here", StringComparison.OrdinalIgnoreCase));
    }

    private static JsonObject Blocks(params JsonObject[] values) => new()
    {
        ["contentData"] = new JsonArray(new JsonObject
        {
            ["key"] = Guid.NewGuid().ToString(),
            ["contentTypeAlias"] = "imageBlock",
            ["values"] = new JsonArray(values),
        }),
    };
}
