using System.Text.Json.Nodes;
using SafeguardingSite.Content.Services;
using SafeguardingSite.Platform.Data;
using SafeguardingSite.Testing;

namespace SafeguardingSite.IntegrationTests.Content;

public class ContentValidationTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Bad_values_are_reported_against_their_fields_and_nothing_is_saved(DatabaseProvider provider)
    {
        await using var context = await ContentTestContext.StartAsync(provider);
        var key = await context.CreatePageAsync("Exploitation", publish: false);

        var error = await Assert.ThrowsAsync<ContentException>(() => context.Content.UpdateAsync(key, new UpdateContent(Values: new JsonObject
        {
            ["priority"] = "high",
            ["featured"] = new JsonArray(),
            ["reviewDate"] = "yesterday-ish",
            ["related"] = "1 OR 1=1",
            ["phone"] = "call me",
            ["links"] = new JsonArray(new JsonObject { ["name"] = "x", ["url"] = "javascript:alert(1)" }),
            ["blocks"] = new JsonArray(new JsonObject { ["contentType"] = "home", ["values"] = new JsonObject() }),
            ["unknownProperty"] = "x",
            ["summary"] = new string('a', 5000),
        }), "writer"));

        Assert.Equal(ContentErrorKind.Invalid, error.Kind);
        foreach (var field in new[] { "priority", "featured", "reviewDate", "related", "phone", "links", "blocks[0]", "unknownProperty", "summary" })
        {
            Assert.True(error.Errors.ContainsKey(field), $"expected an error for {field}; got {string.Join(", ", error.Errors.Keys)}");
        }

        Assert.Single(await context.Content.GetVersionsAsync(key));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Mandatory_properties_and_names_are_required(DatabaseProvider provider)
    {
        await using var context = await ContentTestContext.StartAsync(provider);

        var missingHero = await Assert.ThrowsAsync<ContentException>(() =>
            context.Content.UpdateAsync(context.HomeKey, new UpdateContent(Values: new JsonObject { ["heroTitle"] = "   " }), "writer"));
        var blankName = await Assert.ThrowsAsync<ContentException>(() =>
            context.Content.CreateAsync(new CreateContent(context.HomeKey, "contentPage", "  "), "writer"));
        var longName = await Assert.ThrowsAsync<ContentException>(() =>
            context.Content.CreateAsync(new CreateContent(context.HomeKey, "contentPage", new string('n', 300)), "writer"));
        var emptyQuote = await Assert.ThrowsAsync<ContentException>(() => context.Content.CreateAsync(new CreateContent(
            context.HomeKey, "contentPage", "Quotes", new JsonObject { ["blocks"] = new JsonArray(new JsonObject { ["contentType"] = "quoteBlock", ["values"] = new JsonObject() }) }), "writer"));

        Assert.Contains("heroTitle", missingHero.Errors.Keys);
        Assert.Contains("name", blankName.Errors.Keys);
        Assert.Contains("name", longName.Errors.Keys);
        Assert.Contains("blocks[0].quote", emptyQuote.Errors.Keys);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Script_in_rich_text_never_reaches_the_published_content(DatabaseProvider provider)
    {
        await using var context = await ContentTestContext.StartAsync(provider);
        var key = await context.CreatePageAsync("Healthy relationships", values: new JsonObject
        {
            ["body"] = "<p onclick=\"steal()\">Talk to someone you trust.</p><script>alert('x')</script>" +
                       "<a href=\"javascript:alert(1)\">link</a><img src=x onerror=alert(1)>" +
                       "<iframe src=\"https://evil.example/\"></iframe>" +
                       "<iframe src=\"https://www.youtube-nocookie.com/embed/abc\"></iframe>",
        });

        var body = context.Snapshot.Find(key)!.Text("body")!;

        Assert.Contains("Talk to someone you trust.", body);
        Assert.DoesNotContain("<script", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("onclick", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("onerror", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("javascript:", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("evil.example", body, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("youtube-nocookie.com/embed/abc", body);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Every_editor_stores_its_normalised_value(DatabaseProvider provider)
    {
        await using var context = await ContentTestContext.StartAsync(provider);
        var target = await context.CreatePageAsync("Target");
        var key = await context.CreatePageAsync("All editors", values: new JsonObject
        {
            ["priority"] = "42",
            ["featured"] = "yes",
            ["reviewDate"] = "2027-03-31",
            ["related"] = $"umb://document/{target:N}",
            ["image"] = Guid.Empty.ToString(),
            ["links"] = new JsonArray(new JsonObject { ["name"] = "NSPCC", ["url"] = "https://www.nspcc.org.uk/", ["target"] = "_blank" }),
            ["topics"] = "neglect, Neglect , safer sleep",
            ["phone"] = "01632 960000",
            ["blocks"] = new JsonArray(new JsonObject { ["contentType"] = "quoteBlock", ["values"] = new JsonObject { ["quote"] = "Listen to children." } }),
        });

        var page = context.Snapshot.Find(key)!;

        Assert.Equal(42, page.Properties["priority"].GetInt64());
        Assert.True(page.Flag("featured"));
        Assert.Equal("2027-03-31", page.Text("reviewDate"));
        Assert.Equal(target.ToString(), page.Text("related"));
        Assert.Equal(["neglect", "safer sleep"], page.Tags("topics"));
        Assert.Equal("_blank", page.Properties["links"][0].GetProperty("target").GetString());
        var block = page.Properties["blocks"].GetProperty("contentData")[0];
        Assert.Equal("quoteBlock", block.GetProperty("contentTypeAlias").GetString());
        Assert.Equal("Listen to children.", block.GetProperty("values")[0].GetProperty("value").GetString());
    }
}
