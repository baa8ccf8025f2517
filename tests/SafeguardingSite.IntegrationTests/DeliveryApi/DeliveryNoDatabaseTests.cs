using Microsoft.Extensions.DependencyInjection;
using SafeguardingSite.Content.Model;
using SafeguardingSite.Platform.Data;
using SafeguardingSite.Testing;

namespace SafeguardingSite.IntegrationTests.DeliveryApi;

public class DeliveryNoDatabaseTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Public_requests_make_no_database_query(DatabaseProvider provider)
    {
        await using var site = await DeliveryApiTestSite.StartAsync(provider, DatabaseCommandCounter.Register);
        var counter = site.Context.Site.Services.GetRequiredService<DatabaseCommandCounter>();
        var image = await site.AddMediaAsync("Pool", MediaTypes.Image, fileUrl: "/media/1/pool.png");
        var page = await site.CreateTimedPageAsync("Swimming", site.Parents, values: new()
        {
            ["related"] = site.SaferSleep.ToString(),
            ["image"] = new System.Text.Json.Nodes.JsonArray(image.ToString()),
        });
        counter.Reset();

        await site.GetOkAsync("/content?fetch=descendants:/&filter=name:saf&sort=name:asc&expand=properties[$all]");
        await site.GetOkAsync($"/content/item/{page}?expand=all");
        await site.GetOkAsync("/content/item/parents-and-carers/swimming/");
        await site.GetOkAsync($"/content/items?id={page}&id={site.Home}");
        await site.GetOkAsync("/media?fetch=children:/");
        await site.GetOkAsync($"/media/item/{image}");
        await site.GetAsync("/content/item/no-such-page/");
        await site.GetAsync("/content?take=-1");
        Assert.Equal(0, counter.Count);

        // The counter does see commands made while serving a delivery request: a preview builds its snapshot from the database.
        await site.GetOkAsync($"/content/item/{page}", ("Preview", "true"), ("Api-Key", DeliveryApiTestSite.PreviewKey));
        Assert.True(counter.Count > 0);
    }
}
