using System.Net;
using SafeguardingSite.Content.Services;
using SafeguardingSite.Platform.Data;
using SafeguardingSite.Testing;

namespace SafeguardingSite.IntegrationTests.DeliveryApi;

public class DeliveryContentItemTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task An_item_is_found_by_id_and_by_path_in_Umbracos_shape(DatabaseProvider provider)
    {
        await using var site = await DeliveryApiTestSite.StartAsync(provider);

        var byId = await site.GetOkAsync($"/content/item/{site.SaferSleep}");
        Assert.Equal("contentPage", (string)byId["contentType"]!);
        Assert.Equal("Safer sleep", (string)byId["name"]!);
        Assert.Equal(site.SaferSleep.ToString(), (string)byId["id"]!);
        Assert.Equal("/parents-and-carers/safer-sleep/", (string)byId["route"]!["path"]!);
        Assert.Equal(site.Home.ToString(), (string)byId["route"]!["startItem"]!["id"]!);
        Assert.Equal("home", (string)byId["route"]!["startItem"]!["path"]!);
        Assert.Equal("2026-11-22T09:01:00Z", (string)byId["createDate"]!);
        Assert.NotNull(byId["updateDate"]);
        Assert.Empty(byId["cultures"]!.AsObject());
        Assert.True(byId["properties"]!.AsObject().ContainsKey("summary"));

        foreach (var path in new[] { "/parents-and-carers/safer-sleep/", "parents-and-carers/safer-sleep", "%2Fparents-and-carers%2Fsafer-sleep%2F", "/Parents-And-Carers/Safer-Sleep" })
        {
            var byPath = await site.GetOkAsync("/content/item/" + path.TrimStart('/'), ("Accept-Language", "en-GB"));
            Assert.Equal(site.SaferSleep.ToString(), (string)byPath["id"]!);
        }

        var home = await site.GetOkAsync("/content/item/");
        Assert.Equal(site.Home.ToString(), (string)home["id"]!);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Items_by_ids_keep_the_order_asked_for_and_skip_unknown_ids(DatabaseProvider provider)
    {
        await using var site = await DeliveryApiTestSite.StartAsync(provider);

        var items = await site.GetOkAsync($"/content/items?id={site.WaterSafety}&id={Guid.NewGuid()}&id={site.Home}");

        Assert.Equal([site.WaterSafety.ToString(), site.Home.ToString()], items.AsArray().Select(i => (string)i!["id"]!));
        Assert.Empty((await site.GetOkAsync("/content/items")).AsArray());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Unknown_ids_and_paths_are_404_problems(DatabaseProvider provider)
    {
        await using var site = await DeliveryApiTestSite.StartAsync(provider);

        foreach (var url in new[] { $"/content/item/{Guid.NewGuid()}", "/content/item/no/such/page/", $"/media/item/{Guid.NewGuid()}", "/media/item/no-such-folder/" })
        {
            var (status, body, response) = await site.GetAsync(url);
            Assert.Equal(HttpStatusCode.NotFound, status);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal(404, (int)body!["status"]!);
            Assert.Contains("not found", (string)body["title"]!, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Drafts_are_visible_only_with_preview_and_the_api_key(DatabaseProvider provider)
    {
        await using var site = await DeliveryApiTestSite.StartAsync(provider);
        var draft = await site.CreateTimedPageAsync("Private fostering", site.Parents, publish: false);
        await site.Context.Content.UpdateAsync(site.WaterSafety, new UpdateContent(Values: new() { ["summary"] = "Draft summary" }), TestSchema.User);
        var preview = new[] { ("Preview", "true"), ("Api-Key", DeliveryApiTestSite.PreviewKey) };

        Assert.Equal(HttpStatusCode.NotFound, (await site.GetAsync($"/content/item/{draft}")).Status);
        Assert.DoesNotContain("Private fostering", (await site.QueryNamesAsync($"?fetch=children:{site.Parents}")).Names);
        Assert.Null((await site.GetOkAsync($"/content/item/{site.WaterSafety}"))["properties"]!["summary"]);

        var (_, _, previewResponse) = await site.GetAsync($"/content/item/{draft}", preview);
        Assert.Equal(HttpStatusCode.OK, previewResponse.StatusCode);
        Assert.True(previewResponse.Headers.CacheControl?.NoStore);
        Assert.Contains("Private fostering", (await site.QueryNamesAsync($"?fetch=children:{site.Parents}", preview)).Names);
        Assert.Equal("Draft summary", (string?)(await site.GetOkAsync($"/content/item/{site.WaterSafety}", preview))["properties"]!["summary"]);

        // The key alone is not a preview, and a preview needs the right key.
        Assert.Equal(HttpStatusCode.NotFound, (await site.GetAsync($"/content/item/{draft}", ("Api-Key", DeliveryApiTestSite.PreviewKey))).Status);
        foreach (var headers in new[]
        {
            new[] { ("Preview", "true") },
            new[] { ("Preview", "true"), ("Api-Key", "wrong-key") },
            new[] { ("Preview", "true"), ("Api-Key", DeliveryApiTestSite.PreviewKey + "x") },
        })
        {
            var (status, body, response) = await site.GetAsync($"/content/item/{draft}", headers);
            Assert.Equal(HttpStatusCode.Unauthorized, status);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains("Api-Key", (string)body!["detail"]!, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Unpublish_rename_and_trash_show_at_once(DatabaseProvider provider)
    {
        await using var site = await DeliveryApiTestSite.StartAsync(provider);
        var content = site.Context.Content;

        await content.UpdateAsync(site.SaferSleep, new UpdateContent(Name: "Safe sleeping"), TestSchema.User);
        await content.PublishAsync(site.SaferSleep, TestSchema.User);
        var renamed = await site.GetOkAsync($"/content/item/{site.SaferSleep}");
        Assert.Equal("Safe sleeping", (string)renamed["name"]!);
        Assert.Equal("/parents-and-carers/safe-sleeping/", (string)renamed["route"]!["path"]!);
        Assert.Equal(HttpStatusCode.OK, (await site.GetAsync("/content/item/parents-and-carers/safe-sleeping/")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await site.GetAsync("/content/item/parents-and-carers/safer-sleep/")).Status);
        Assert.Equal(["Safe sleeping", "Water safety"], (await site.QueryNamesAsync("?filter=name:saf")).Names);

        await content.UnpublishAsync(site.WaterSafety, TestSchema.User);
        Assert.Equal(HttpStatusCode.NotFound, (await site.GetAsync($"/content/item/{site.WaterSafety}")).Status);
        Assert.Equal(["Safe sleeping", "Unsafe places"], (await site.QueryNamesAsync($"?fetch=children:{site.Parents}")).Names);

        await content.TrashAsync(site.Parents, TestSchema.User);
        Assert.Equal(HttpStatusCode.NotFound, (await site.GetAsync($"/content/item/{site.SaferSleep}")).Status);
        Assert.Equal(["Home", "Professionals", "Training courses"], (await site.QueryNamesAsync("")).Names);
        Assert.Empty((await site.GetOkAsync($"/content/items?id={site.Parents}&id={site.UnsafePlaces}")).AsArray());
    }
}
