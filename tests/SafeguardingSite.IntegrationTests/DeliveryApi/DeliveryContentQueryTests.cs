using SafeguardingSite.Platform.Data;
using SafeguardingSite.Testing;

namespace SafeguardingSite.IntegrationTests.DeliveryApi;

public class DeliveryContentQueryTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Fetch_selects_children_descendants_and_ancestors_by_id_or_path(DatabaseProvider provider)
    {
        await using var site = await DeliveryApiTestSite.StartAsync(provider);

        Assert.Equal(["Safer sleep", "Water safety", "Unsafe places"], (await site.QueryNamesAsync($"?fetch=children:{site.Parents}")).Names);
        Assert.Equal(["Safer sleep", "Water safety", "Unsafe places"], (await site.QueryNamesAsync("?fetch=children:/parents-and-carers/")).Names);
        Assert.Equal(["Parents and carers", "Professionals"], (await site.QueryNamesAsync("?fetch=children:/")).Names);
        Assert.Equal(
            ["Parents and carers", "Safer sleep", "Water safety", "Unsafe places", "Professionals", "Training courses"],
            (await site.QueryNamesAsync($"?fetch=descendants:{site.Home}&take=50")).Names);
        Assert.Equal(["Training courses"], (await site.QueryNamesAsync("?fetch=descendants:/professionals")).Names);
        Assert.Equal(["Parents and carers", "Home"], (await site.QueryNamesAsync("?fetch=ancestors:/parents-and-carers/safer-sleep/")).Names);
        Assert.Equal(["Parents and carers", "Home"], (await site.QueryNamesAsync($"?fetch=ancestors:{site.SaferSleep}")).Names);

        // Without fetch the query covers the whole published tree; an unknown target selects nothing.
        Assert.Equal(7, (await site.QueryNamesAsync("")).Total);
        DeliveryApiTestSite.AssertPage(0, [], await site.QueryNamesAsync($"?fetch=children:{Guid.NewGuid()}"));
        Assert.Equal(0, (await site.QueryNamesAsync("?fetch=children:/no-such-page/")).Total);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Filters_by_content_type_and_name_combine(DatabaseProvider provider)
    {
        await using var site = await DeliveryApiTestSite.StartAsync(provider);

        Assert.Equal(["Home"], (await site.QueryNamesAsync("?filter=contentType:home")).Names);
        Assert.Equal(6, (await site.QueryNamesAsync("?filter=contentType:contentPage")).Total);
        Assert.Equal(6, (await site.QueryNamesAsync("?filter=contentType:!home")).Total);
        Assert.Equal(0, (await site.QueryNamesAsync("?filter=contentType:newsArticle")).Total);

        // Whole words with a trailing wildcard, ignoring case: "saf" begins "Safer" and "safety", but not "Unsafe".
        Assert.Equal(["Safer sleep", "Water safety"], (await site.QueryNamesAsync("?filter=name:saf")).Names);
        Assert.Equal(["Safer sleep", "Water safety"], (await site.QueryNamesAsync("?filter=name:SAF")).Names);
        Assert.Equal(["Unsafe places"], (await site.QueryNamesAsync("?filter=name:unsafe")).Names);
        Assert.Equal(["Safer sleep"], (await site.QueryNamesAsync("?filter=name:sleep%20saf")).Names);
        Assert.Equal(0, (await site.QueryNamesAsync("?filter=name:afer")).Total);
        Assert.Equal(["Unsafe places"], (await site.QueryNamesAsync($"?fetch=children:{site.Parents}&filter=name:!saf")).Names);

        Assert.Equal(
            ["Water safety"],
            (await site.QueryNamesAsync("?filter=contentType:contentPage&filter=name:saf&filter=name:wat")).Names);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Sorts_apply_in_the_order_given(DatabaseProvider provider)
    {
        await using var site = await DeliveryApiTestSite.StartAsync(provider);
        var children = $"?fetch=children:{site.Parents}";

        Assert.Equal(["Safer sleep", "Unsafe places", "Water safety"], (await site.QueryNamesAsync(children + "&sort=name:asc")).Names);
        Assert.Equal(["Water safety", "Unsafe places", "Safer sleep"], (await site.QueryNamesAsync(children + "&sort=name:desc")).Names);
        Assert.Equal(["Unsafe places", "Water safety", "Safer sleep"], (await site.QueryNamesAsync(children + "&sort=createDate:desc")).Names);
        Assert.Equal(["Safer sleep", "Water safety", "Unsafe places"], (await site.QueryNamesAsync(children + "&sort=updateDate:asc")).Names);
        Assert.Equal(["Unsafe places", "Water safety", "Safer sleep"], (await site.QueryNamesAsync(children + "&sort=sortOrder:desc")).Names);

        var byLevel = await site.QueryNamesAsync("?sort=level:desc&sort=name:asc&take=50");
        Assert.Equal(["Safer sleep", "Training courses", "Unsafe places", "Water safety", "Parents and carers", "Professionals", "Home"], byLevel.Names);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Paging_counts_every_match_whatever_take_is(DatabaseProvider provider)
    {
        await using var site = await DeliveryApiTestSite.StartAsync(provider);

        for (var i = 1; i <= 12; i++)
        {
            await site.Context.CreatePageAsync($"Bulletin {i:00}", site.Professionals);
        }

        var firstPage = await site.QueryNamesAsync($"?fetch=children:{site.Professionals}&sort=name:asc");
        Assert.Equal(13, firstPage.Total);
        Assert.Equal(10, firstPage.Names.Count); // take defaults to 10
        Assert.Equal("Bulletin 01", firstPage.Names[0]);

        var lastPage = await site.QueryNamesAsync($"?fetch=children:{site.Professionals}&sort=name:asc&skip=10&take=10");
        DeliveryApiTestSite.AssertPage(13, ["Bulletin 11", "Bulletin 12", "Training courses"], lastPage);

        DeliveryApiTestSite.AssertPage(13, [], await site.QueryNamesAsync($"?fetch=children:{site.Professionals}&take=0"));
        DeliveryApiTestSite.AssertPage(13, [], await site.QueryNamesAsync($"?fetch=children:{site.Professionals}&skip=100"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Start_item_limits_queries_and_paths_to_one_root(DatabaseProvider provider)
    {
        await using var site = await DeliveryApiTestSite.StartAsync(provider);
        var content = site.Context.Content;
        var second = await content.CreateAsync(new(null, "home", "Schools portal", new() { ["heroTitle"] = "For schools" }), TestSchema.User);
        await content.PublishAsync(second.Node.Key, TestSchema.User);
        var guidance = await site.Context.CreatePageAsync("Safeguarding guidance", second.Node.Key);

        Assert.Equal(["Schools portal", "Safeguarding guidance"], (await site.QueryNamesAsync("", ("Start-Item", "schools-portal"))).Names);
        Assert.Equal(["Safeguarding guidance"], (await site.QueryNamesAsync("?fetch=children:/", ("Start-Item", second.Node.Key.ToString()))).Names);
        Assert.Equal(["Safer sleep", "Water safety"], (await site.QueryNamesAsync("?filter=name:saf", ("Start-Item", site.Home.ToString()))).Names);
        Assert.Equal(3, (await site.QueryNamesAsync("?filter=name:saf")).Total);

        var item = await site.GetOkAsync("/content/item/safeguarding-guidance/", ("Start-Item", "schools-portal"));
        Assert.Equal(guidance.ToString(), (string)item["id"]!);
        Assert.Equal("/schools-portal/safeguarding-guidance/", (string)item["route"]!["path"]!);
        Assert.Equal(second.Node.Key.ToString(), (string)item["route"]!["startItem"]!["id"]!);
        Assert.Equal("schools-portal", (string)item["route"]!["startItem"]!["path"]!);

        // A page of another root is not found through this start item.
        var (status, _, _) = await site.GetAsync($"/content/item/{site.SaferSleep}", ("Start-Item", "schools-portal"));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, status);
    }
}
