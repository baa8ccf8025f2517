using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SafeguardingSite.BackOffice;
using SafeguardingSite.BackOffice.Controllers;
using SafeguardingSite.Content.Model;
using SafeguardingSite.Content.Services;
using SafeguardingSite.Platform.Data;
using SafeguardingSite.Testing;

namespace SafeguardingSite.IntegrationTests.BackOffice;

/// <summary>The content editor: forms generated from the document type, errors beside the fields, nothing typed lost.</summary>
public partial class ContentEditorTests(ContentScreensSite sites) : IClassFixture<ContentScreensSite>
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task An_editor_creates_a_child_of_an_allowed_type_and_a_type_not_allowed_there_is_refused_with_a_message(DatabaseProvider provider)
    {
        var site = await sites.ForAsync(provider);
        using var editor = await ContentScreensSite.EditorAsync(site);
        var home = site.Content.HomeKey;

        var choices = await editor.GetPageAsync($"/umbraco/content/new?parent={home}");
        Assert.Contains("type=contentPage", choices, StringComparison.Ordinal);
        Assert.DoesNotContain("type=home", choices, StringComparison.Ordinal);

        var form = $"/umbraco/content/new?type=contentPage&parent={home}";
        var created = await editor.SubmitAsync(form, form, new() { ["name"] = "Early help", ["v:summary"] = "Support before problems grow." });
        var key = ContentScreensSite.RedirectedKey(created);
        var draft = await site.Content.Content.GetAsync(key);
        Assert.Equal(home, draft!.Node.ParentKey);
        Assert.Equal("Support before problems grow.", draft.Values["summary"]!.GetValue<string>());
        Assert.Contains(await ContentScreensSite.AuditAsync(site, ContentAuditActions.Created), r => r.Subject!.Contains(key.ToString(), StringComparison.Ordinal));

        var wrong = $"/umbraco/content/new?type=home&parent={key}";
        var refused = await editor.SubmitAsync(wrong, wrong, new() { ["name"] = "Second home", ["v:heroTitle"] = "Nope" });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Contains("cannot be created below", html, StringComparison.Ordinal);
        Assert.Contains("Second home", html, StringComparison.Ordinal);
        Assert.Empty(await site.Content.Content.GetChildrenAsync(key));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_form_has_a_field_for_every_property_editor_and_a_failed_save_keeps_everything_typed_including_blocks(DatabaseProvider provider)
    {
        var site = await sites.ForAsync(provider);
        var page = await site.Content.CreatePageAsync("Private fostering", publish: false);
        using var editor = await ContentScreensSite.EditorAsync(site);
        var editPath = $"/umbraco/content/{page}";

        var html = await editor.GetPageAsync(editPath);
        foreach (var field in new[]
        {
            "name=\"v:summary\"", "data-rich-text", "name=\"v:priority\"", "type=\"checkbox\" id=\"field-featured\"", "type=\"date\"",
            "<select id=\"field-related\"", "<select id=\"field-image\"", "name=\"v:links[0].url\"", "name=\"v:topics\"", "value=\"add:blocks:quoteBlock\"",
        })
        {
            Assert.Contains(field, html, StringComparison.Ordinal);
        }

        var versionsBefore = (await site.Content.Content.GetVersionsAsync(page)).Count;
        var response = await editor.SubmitAsync(editPath, editPath, new()
        {
            ["name"] = "Private fostering arrangements",
            ["v:summary"] = "Typed summary that must survive",
            ["v:body"] = "<h2>Kept heading</h2><p>Kept body</p>",
            ["v:priority"] = "ten",
            ["v:phone"] = "call us",
            ["v:topics"] = "fostering, family",
            ["v:links[0].name"] = "Guidance",
            ["v:links[0].url"] = "javascript:alert(1)",
            ["v:blocks[0].$type"] = "quoteBlock",
            ["v:blocks[0].$key"] = Guid.NewGuid().ToString(),
            ["v:blocks[0].quote"] = string.Empty,
            ["v:blocks[0].attribution"] = "Kept attribution",
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        html = System.Net.WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("There is a problem", html, StringComparison.Ordinal);
        Assert.Contains("Must be a whole number.", html, StringComparison.Ordinal);
        Assert.Contains("Enter a phone number.", html, StringComparison.Ordinal);
        Assert.Contains("Quote is required.", html, StringComparison.Ordinal);
        Assert.Contains("is not a web, email or phone link", html, StringComparison.Ordinal);
        Assert.Contains("href=\"#field-priority\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"#field-blocks[0].quote\"", html, StringComparison.Ordinal);
        foreach (var kept in new[] { "Private fostering arrangements", "Typed summary that must survive", "<h2>Kept heading</h2>", "value=\"ten\"", "value=\"call us\"", "fostering, family", "javascript:alert(1)", "Kept attribution" })
        {
            Assert.Contains(kept, html, StringComparison.Ordinal);
        }

        Assert.Equal(versionsBefore, (await site.Content.Content.GetVersionsAsync(page)).Count);
    }

    /// <summary>Property aliases are camel case (<c>mainBody</c>); the check's link must find the field however its id is spelt.</summary>
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Every_pre_publish_check_links_to_a_field_that_is_on_the_editor_page(DatabaseProvider provider)
    {
        var site = await sites.ForAsync(provider);
        await site.Service<SchemaService>().SaveDocumentTypeAsync(new DocumentType
        {
            Key = TestSchema.KeyFor("campaignNote"),
            Alias = "campaignNote",
            Name = "Campaign note",
            AllowAtRoot = true,
            Properties = [new() { Alias = "mainBody", Name = "Main body", DataType = "richText" }],
        }, "test");
        var created = await site.Content.Content.CreateAsync(new CreateContent(null, "campaignNote", "Water safety note", new JsonObject
        {
            ["mainBody"] = "<h2>Summer</h2><h4>Rivers</h4><p><a href=\"/water/\">Click here</a></p>",
        }), "test");
        var key = created.Node.Key;
        using var editor = await ContentScreensSite.EditorAsync(site);

        var checks = await editor.GetPageAsync($"/umbraco/content/{key}/publish");
        var targets = CheckLink().Matches(checks).Where(m => m.Groups["key"].Value == key.ToString()).Select(m => m.Groups["id"].Value).Distinct().ToList();
        Assert.NotEmpty(targets);
        var form = await editor.GetPageAsync($"/umbraco/content/{key}");
        foreach (var id in targets)
        {
            Assert.Contains($"id=\"{id}\"", form, StringComparison.Ordinal);
        }

        Assert.Contains($"id=\"{FieldIds.For("mainBody")}\"", form, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Hostile_input_is_sanitised_or_refused_with_a_message_and_never_a_server_error(DatabaseProvider provider)
    {
        var site = await sites.ForAsync(provider);
        var page = await site.Content.CreatePageAsync("Neglect", publish: false);
        using var editor = await ContentScreensSite.EditorAsync(site);
        var editPath = $"/umbraco/content/{page}";

        var saved = await editor.SubmitAsync(editPath, editPath, new()
        {
            ["name"] = "Robert'); DROP TABLE content_nodes;--",
            ["v:body"] = "<p>Hello</p><script>alert('x')</script><img src=x onerror=\"alert(1)\"><a href=\"javascript:alert(2)\">link</a>",
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var draft = await site.Content.Content.GetAsync(page);
        Assert.Equal("Robert'); DROP TABLE content_nodes;--", draft!.Draft.Name);
        var body = draft.Values["body"]!.GetValue<string>();
        Assert.Contains("<p>Hello</p>", body, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("onerror", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("javascript:", body, StringComparison.OrdinalIgnoreCase);
        Assert.NotEmpty(await site.Content.Content.GetChildrenAsync(site.Content.HomeKey));

        var oversize = await editor.SubmitAsync(editPath, editPath, new() { ["name"] = "Neglect", ["v:summary"] = new string('a', 5000) });
        Assert.Equal(HttpStatusCode.BadRequest, oversize.StatusCode);
        Assert.Contains("at most 4,000 characters", await oversize.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var longName = await editor.SubmitAsync(editPath, editPath, new() { ["name"] = new string('n', 300) });
        Assert.Equal(HttpStatusCode.BadRequest, longName.StatusCode);
        Assert.Contains("at most 255 characters", await longName.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var unknownBlock = await editor.SubmitAsync(editPath, editPath, new() { ["name"] = "Neglect", ["v:blocks[0].$type"] = "<script>x</script>", ["v:blocks[0].$key"] = "not-a-guid" });
        Assert.Equal(HttpStatusCode.BadRequest, unknownBlock.StatusCode);
        var unknownHtml = await unknownBlock.Content.ReadAsStringAsync();
        Assert.Contains("is not of a known element type", unknownHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>x</script>", unknownHtml, StringComparison.Ordinal);

        var badOp = await editor.SubmitAsync(editPath, editPath, new() { ["name"] = "Neglect", ["op"] = "add:blocks:home" });
        Assert.Equal(HttpStatusCode.OK, badOp.StatusCode);
        Assert.DoesNotContain("name=\"v:blocks[0].$type\"", await badOp.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_second_submit_of_the_same_form_is_refused_as_stale_and_saves_nothing(DatabaseProvider provider)
    {
        var site = await sites.ForAsync(provider);
        var page = await site.Content.CreatePageAsync("Allegations", publish: false);
        using var editor = await ContentScreensSite.EditorAsync(site);
        var editPath = $"/umbraco/content/{page}";
        var html = await editor.GetPageAsync(editPath);
        var fields = new List<KeyValuePair<string, string>>
        {
            new("__RequestVerificationToken", BrowserClient.TokenIn(html)),
            new("revision", (await site.Content.Content.GetAsync(page))!.Node.Revision.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("name", "Allegations against staff"),
            new("v:summary", "First press"),
        };

        var first = await editor.Http.PostAsync(editPath, new FormUrlEncodedContent(fields));
        var second = await editor.Http.PostAsync(editPath, new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Contains("Someone else saved this page", await second.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(2, (await site.Content.Content.GetVersionsAsync(page)).Count);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Block_buttons_add_move_and_remove_blocks_keeping_what_was_typed_without_saving(DatabaseProvider provider)
    {
        var site = await sites.ForAsync(provider);
        var page = await site.Content.CreatePageAsync("Online safety", publish: false);
        using var editor = await ContentScreensSite.EditorAsync(site);
        var editPath = $"/umbraco/content/{page}";

        var added = await editor.SubmitAsync(editPath, editPath, new() { ["name"] = "Online safety", ["v:summary"] = "Unsaved summary", ["op"] = "add:blocks:quoteBlock" });
        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        var html = await added.Content.ReadAsStringAsync();
        Assert.Contains("name=\"v:blocks[0].$type\" value=\"quoteBlock\"", html, StringComparison.Ordinal);
        Assert.Contains("Unsaved summary", html, StringComparison.Ordinal);
        Assert.Contains("id=\"field-blocks[0].quote\"", html, StringComparison.Ordinal);
        Assert.Contains("autofocus", html, StringComparison.Ordinal);

        Dictionary<string, string> TwoBlocks(string op) => new()
        {
            ["name"] = "Online safety",
            ["v:blocks[0].$type"] = "quoteBlock",
            ["v:blocks[0].quote"] = "First quote",
            ["v:blocks[1].$type"] = "quoteBlock",
            ["v:blocks[1].quote"] = "Second quote",
            ["op"] = op,
        };

        var moved = await (await editor.SubmitAsync(editPath, editPath, TwoBlocks("up:blocks[1]"))).Content.ReadAsStringAsync();
        Assert.True(moved.IndexOf("Second quote", StringComparison.Ordinal) < moved.IndexOf("First quote", StringComparison.Ordinal), "the second block moved up");

        var removed = await (await editor.SubmitAsync(editPath, editPath, TwoBlocks("remove:blocks[0]"))).Content.ReadAsStringAsync();
        Assert.DoesNotContain("First quote", removed, StringComparison.Ordinal);
        Assert.Contains("Second quote", removed, StringComparison.Ordinal);
        Assert.Single((await site.Content.Content.GetVersionsAsync(page)));

        var saved = await editor.SubmitAsync(editPath, editPath, TwoBlocks(string.Empty));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var blocks = (await site.Content.Content.GetAsync(page))!.Values["blocks"]!["contentData"]!.AsArray();
        Assert.Equal(2, blocks.Count);
        Assert.Equal("quoteBlock", blocks[0]!["contentTypeAlias"]!.GetValue<string>());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Preview_shows_the_draft_in_the_public_template_only_to_signed_in_editors(DatabaseProvider provider)
    {
        var site = await sites.ForAsync(provider);
        var page = await site.Content.CreatePageAsync("Safer sleep", values: new JsonObject { ["summary"] = "Published words" });
        await site.Content.Content.UpdateAsync(page, new UpdateContent(Values: new JsonObject { ["summary"] = "Draft words not yet live" }), TestSchema.User);
        using var editor = await ContentScreensSite.EditorAsync(site);

        var preview = await editor.GetAsync($"/umbraco/content/{page}/preview");
        var html = await preview.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        Assert.Contains("Draft words not yet live", html, StringComparison.Ordinal);
        Assert.Contains("noindex", preview.Headers.GetValues("X-Robots-Tag").Single(), StringComparison.Ordinal);

        var url = site.Content.Snapshot.Find(page)!.Url;
        var publicHtml = await site.Content.Site.CreateClient().GetStringAsync(url);
        Assert.Contains("Published words", publicHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("Draft words not yet live", publicHtml, StringComparison.Ordinal);

        using var anonymous = site.NewClient();
        var refused = await anonymous.GetAsync($"/umbraco/content/{page}/preview");
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Contains("/umbraco/login", refused.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [GeneratedRegex("href=\"/umbraco/content/(?<key>[0-9a-f-]{36})#(?<id>[^\"]+)\"")]
    private static partial Regex CheckLink();
}
