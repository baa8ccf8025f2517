using System.Net;
using SafeguardingSite.Content.Model;
using SafeguardingSite.Platform.Data;
using SafeguardingSite.Testing;

namespace SafeguardingSite.IntegrationTests.DeliveryApi;

public class DeliveryMediaTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Media_items_are_found_by_id_path_and_ids(DatabaseProvider provider)
    {
        await using var site = await DeliveryApiTestSite.StartAsync(provider);
        var leaflets = await site.AddMediaAsync("Leaflets", MediaTypes.Folder);
        var leaflet = await site.AddMediaAsync("Safer sleep leaflet", MediaTypes.File, leaflets, "/media/ef56/safer-sleep.pdf");
        var photo = await site.AddMediaAsync("Cot photo", MediaTypes.Image, leaflets, "/media/aa11/cot.png", sortOrder: 1, altText: "An empty cot");

        var byId = await site.GetOkAsync($"/media/item/{leaflet}");
        Assert.Equal("/leaflets/safer-sleep-leaflet/", (string)byId["path"]!);
        Assert.Equal("Safer sleep leaflet", (string)byId["name"]!);
        Assert.Equal("File", (string)byId["mediaType"]!);
        Assert.Equal("/media/ef56/safer-sleep.pdf", (string)byId["url"]!);
        Assert.Equal("pdf", (string)byId["extension"]!);
        Assert.Equal(24_069, (long)byId["bytes"]!);
        Assert.Null(byId["width"]);
        Assert.Equal("2026-11-22T09:05:00Z", (string)byId["createDate"]!);
        Assert.NotNull(byId["updateDate"]);
        Assert.True(byId["properties"]!.AsObject().ContainsKey("altText"));

        foreach (var path in new[] { "leaflets/safer-sleep-leaflet/", "Leaflets/Safer%20sleep%20leaflet", "%2Fleaflets%2Fsafer-sleep-leaflet%2F" })
        {
            Assert.Equal(leaflet.ToString(), (string)(await site.GetOkAsync("/media/item/" + path))["id"]!);
        }

        var folder = await site.GetOkAsync("/media/item/leaflets");
        Assert.Equal("Folder", (string)folder["mediaType"]!);
        Assert.Null(folder["url"]);

        var items = await site.GetOkAsync($"/media/items?id={photo}&id={Guid.NewGuid()}&id={leaflet}");
        Assert.Equal([photo.ToString(), leaflet.ToString()], items.AsArray().Select(i => (string)i!["id"]!));
        Assert.Equal("An empty cot", (string)items[0]!["properties"]!["altText"]!);

        var limited = await site.GetOkAsync($"/media/item/{photo}?fields=properties[]");
        Assert.Empty(limited["properties"]!.AsObject());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Media_query_fetches_children_with_filters_sorts_and_paging(DatabaseProvider provider)
    {
        await using var site = await DeliveryApiTestSite.StartAsync(provider);
        var leaflets = await site.AddMediaAsync("Leaflets", MediaTypes.Folder);
        await site.AddMediaAsync("Images", MediaTypes.Folder, sortOrder: 1);
        await site.AddMediaAsync("Safer sleep leaflet", MediaTypes.File, leaflets, "/media/1/safer-sleep.pdf", sortOrder: 0);
        await site.AddMediaAsync("Water safety poster", MediaTypes.Image, leaflets, "/media/2/water.png", sortOrder: 1);
        await site.AddMediaAsync("Online safety leaflet", MediaTypes.File, leaflets, "/media/3/online.pdf", sortOrder: 2);

        async Task<(int Total, List<string> Names)> NamesAsync(string query)
        {
            var body = await site.GetOkAsync("/media" + query);
            return ((int)body["total"]!, body["items"]!.AsArray().Select(i => (string)i!["name"]!).ToList());
        }

        DeliveryApiTestSite.AssertPage(2, ["Leaflets", "Images"], await NamesAsync("?fetch=children:/"));
        Assert.Equal(["Safer sleep leaflet", "Water safety poster", "Online safety leaflet"], (await NamesAsync($"?fetch=children:{leaflets}")).Names);
        Assert.Equal(["Online safety leaflet", "Safer sleep leaflet", "Water safety poster"], (await NamesAsync("?fetch=children:/leaflets/&sort=name:asc")).Names);
        Assert.Equal(["Online safety leaflet", "Water safety poster", "Safer sleep leaflet"], (await NamesAsync("?fetch=children:/leaflets/&sort=sortOrder:desc")).Names);
        Assert.Equal(["Water safety poster"], (await NamesAsync("?fetch=children:/leaflets/&filter=mediaType:Image")).Names);
        Assert.Equal(["Safer sleep leaflet", "Online safety leaflet"], (await NamesAsync("?fetch=children:/leaflets/&filter=mediaType:!Image")).Names);
        Assert.Equal(["Water safety poster", "Online safety leaflet"], (await NamesAsync("?fetch=children:/leaflets/&filter=name:saf&filter=name:!sleep")).Names);
        DeliveryApiTestSite.AssertPage(3, ["Water safety poster"], await NamesAsync("?fetch=children:/leaflets/&skip=1&take=1"));
        DeliveryApiTestSite.AssertPage(0, [], await NamesAsync("?fetch=children:/no-such-folder/"));

        var unknown = await site.GetAsync("/media/item/leaflets/nothing-here/");
        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
    }
}
