using System.Text.Json.Nodes;
using SafeguardingSite.Content.Model;
using SafeguardingSite.Platform.Data;
using SafeguardingSite.Testing;

namespace SafeguardingSite.IntegrationTests.DeliveryApi;

public class DeliveryPropertyValueTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Property_values_come_out_in_Umbracos_delivery_shapes(DatabaseProvider provider)
    {
        await using var site = await DeliveryApiTestSite.StartAsync(provider);
        var image = await site.AddMediaAsync("Baby asleep", MediaTypes.Image, fileUrl: "/media/ab12/baby-asleep.png", altText: "A baby asleep on its back");
        var page = await site.CreateTimedPageAsync("Bath time", site.Parents, values: new JsonObject
        {
            ["summary"] = "Never leave a baby alone in the bath.",
            ["body"] = "<p>Stay <strong>within reach</strong>.</p><script>alert('x')</script><img src=x onerror=alert(1)>",
            ["priority"] = 3L, // a long, as a parsed request body gives; the normaliser rejects a boxed int
            ["featured"] = true,
            ["reviewDate"] = "2027-03-01",
            ["related"] = site.SaferSleep.ToString(),
            ["image"] = new JsonArray(new JsonObject { ["mediaKey"] = image.ToString() }),
            ["links"] = new JsonArray(
                new JsonObject { ["name"] = "Water safety", ["contentKey"] = site.WaterSafety.ToString() },
                new JsonObject { ["name"] = "RoSPA", ["url"] = "https://www.rospa.com/", ["target"] = "_blank" },
                new JsonObject { ["name"] = "Leaflet", ["mediaKey"] = image.ToString() }),
            ["topics"] = new JsonArray("Bathing", "Babies"),
            ["blocks"] = new JsonArray(new JsonObject
            {
                ["contentType"] = "quoteBlock",
                ["values"] = new JsonObject { ["quote"] = "It only takes a moment.", ["attribution"] = "A health visitor" },
            }),
        });

        var properties = (await site.GetOkAsync($"/content/item/{page}"))["properties"]!;

        Assert.Equal("Never leave a baby alone in the bath.", (string)properties["summary"]!);
        var markup = (string)properties["body"]!["markup"]!;
        Assert.Contains("<strong>within reach</strong>", markup, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", markup, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("onerror", markup, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(properties["body"]!["blocks"]!.AsArray());
        Assert.Equal(3, (int)properties["priority"]!);
        Assert.True((bool)properties["featured"]!);
        Assert.Equal("2027-03-01T00:00:00Z", (string)properties["reviewDate"]!);
        Assert.Equal(["Bathing", "Babies"], properties["topics"]!.AsArray().Select(t => (string)t!));
        Assert.Null(properties["phone"]);

        var related = properties["related"]!;
        Assert.Equal(site.SaferSleep.ToString(), (string)related["id"]!);
        Assert.Equal("contentPage", (string)related["contentType"]!);
        Assert.Equal("/parents-and-carers/safer-sleep/", (string)related["route"]!["path"]!);
        Assert.Empty(related["properties"]!.AsObject());

        var picked = properties["image"]!.AsArray().Single()!;
        Assert.Equal(image.ToString(), (string)picked["id"]!);
        Assert.Equal("Baby asleep", (string)picked["name"]!);
        Assert.Equal("Image", (string)picked["mediaType"]!);
        Assert.Equal("/media/ab12/baby-asleep.png", (string)picked["url"]!);
        Assert.Equal("png", (string)picked["extension"]!);
        Assert.Equal(1080, (int)picked["width"]!);
        Assert.Equal(530, (int)picked["height"]!);
        Assert.Equal(24_069, (long)picked["bytes"]!);
        Assert.Null(picked["focalPoint"]);
        Assert.Empty(picked["crops"]!.AsArray());
        Assert.Empty(picked["properties"]!.AsObject());

        var links = properties["links"]!.AsArray();
        Assert.Equal(3, links.Count);
        Assert.Equal("Content", (string)links[0]!["linkType"]!);
        Assert.Equal(site.WaterSafety.ToString(), (string)links[0]!["destinationId"]!);
        Assert.Equal("contentPage", (string)links[0]!["destinationType"]!);
        Assert.Equal("/parents-and-carers/water-safety/", (string)links[0]!["route"]!["path"]!);
        Assert.Equal("Water safety", (string)links[0]!["title"]!);
        Assert.Equal("External", (string)links[1]!["linkType"]!);
        Assert.Equal("https://www.rospa.com/", (string)links[1]!["url"]!);
        Assert.Equal("_blank", (string)links[1]!["target"]!);
        Assert.Null(links[1]!["route"]);
        Assert.Equal("Media", (string)links[2]!["linkType"]!);
        Assert.Equal("/media/ab12/baby-asleep.png", (string)links[2]!["url"]!);

        var block = properties["blocks"]!["items"]!.AsArray().Single()!;
        Assert.Equal("quoteBlock", (string)block["content"]!["contentType"]!);
        Assert.True(Guid.TryParse((string)block["content"]!["id"]!, out _));
        Assert.Equal("It only takes a moment.", (string)block["content"]!["properties"]!["quote"]!);
        Assert.Equal("A health visitor", (string)block["content"]!["properties"]!["attribution"]!);
        Assert.True(block.AsObject().ContainsKey("settings"));
        Assert.Null(block["settings"]);

        // A picked page that is unpublished drops out of pickers and links at once.
        await site.Context.Content.UnpublishAsync(site.WaterSafety, TestSchema.User);
        Assert.Equal(2, (await site.GetOkAsync($"/content/item/{page}"))["properties"]!["links"]!.AsArray().Count);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Expand_fills_pickers_and_fields_limits_properties(DatabaseProvider provider)
    {
        await using var site = await DeliveryApiTestSite.StartAsync(provider);
        var image = await site.AddMediaAsync("Pool", MediaTypes.Image, fileUrl: "/media/cd34/pool.png", altText: "A swimming pool");
        var target = await site.CreateTimedPageAsync("Swimming lessons", site.Parents, values: new JsonObject
        {
            ["summary"] = "Lessons for under-fives.",
            ["image"] = new JsonArray(new JsonObject { ["mediaKey"] = image.ToString() }),
        });
        var page = await site.CreateTimedPageAsync("Holiday safety", site.Parents, values: new JsonObject
        {
            ["summary"] = "Plan ahead.",
            ["related"] = target.ToString(),
            ["image"] = new JsonArray(new JsonObject { ["mediaKey"] = image.ToString() }),
        });

        var shallow = (await site.GetOkAsync($"/content/item/{page}"))["properties"]!;
        Assert.Empty(shallow["related"]!["properties"]!.AsObject());

        foreach (var expand in new[] { "properties[$all]", "properties[related]", "all", "property:related" })
        {
            var related = (await site.GetOkAsync($"/content/item/{page}?expand={expand}"))["properties"]!["related"]!;
            Assert.Equal("Lessons for under-fives.", (string)related["properties"]!["summary"]!);
            // Nested pickers stay shallow unless the expansion is nested too.
            Assert.Empty(related["properties"]!["image"]!.AsArray().Single()!["properties"]!.AsObject());
        }

        var nested = (await site.GetOkAsync($"/content/item/{page}?expand=properties[related[properties[image]]]"))["properties"]!["related"]!;
        Assert.Equal("A swimming pool", (string)nested["properties"]!["image"]!.AsArray().Single()!["properties"]!["altText"]!);

        var expandedImage = (await site.GetOkAsync($"/content/item/{page}?expand=properties[image]"))["properties"]!;
        Assert.Equal("A swimming pool", (string)expandedImage["image"]!.AsArray().Single()!["properties"]!["altText"]!);
        Assert.Empty(expandedImage["related"]!["properties"]!.AsObject());

        var limited = (await site.GetOkAsync($"/content/item/{page}?fields=properties[summary,related]"))["properties"]!.AsObject();
        Assert.Equal(["summary", "related"], limited.Select(p => p.Key));

        var none = (await site.GetOkAsync($"/content/item/{page}?fields=properties[]"))["properties"]!.AsObject();
        Assert.Empty(none);

        var both = await site.GetOkAsync($"/content?fetch=children:{site.Parents}&filter=name:holiday&expand=properties[related]&fields=properties[related[properties[summary]]]");
        var onlySummary = both["items"]![0]!["properties"]!.AsObject();
        Assert.Equal(["related"], onlySummary.Select(p => p.Key));
        Assert.Equal(["summary"], onlySummary["related"]!["properties"]!.AsObject().Select(p => p.Key));
    }
}
