using System.Net;
using SafeguardingSite.Platform.Data;
using SafeguardingSite.Testing;

namespace SafeguardingSite.IntegrationTests.DeliveryApi;

public class DeliveryBadRequestTests
{
    /// <summary>Each request, and the parameter (or header) the problem details must name.</summary>
    private static readonly (string Url, string Parameter, (string, string)[] Headers)[] BadRequests =
    [
        ("/content?fetch=siblings:/", "fetch", []),
        ("/content?fetch=children", "fetch", []),
        ("/content?fetch=children:", "fetch", []),
        ("/content?fetch=children:/&fetch=descendants:/", "fetch", []),
        ("/content?fetch=children:%3Cscript%3Ealert(1)%3C/script%3E", "fetch", []),
        ("/content?filter=colour:red", "filter", []),
        ("/content?filter=contentType", "filter", []),
        ("/content?filter=contentType:%3Cscript%3E", "filter", []),
        ("/content?filter=contentType:home'%20OR%201=1--", "filter", []),
        ("/content?filter=name:%3Cscript%3Ealert(1)%3C/script%3E", "filter", []),
        ("/content?filter=name:" + new string('a', 300), "filter", []),
        ("/content?filter=name:%20%20", "filter", []),
        ("/content?filter=name:!", "filter", []),
        ("/content?filter=name>abc", "filter", []),
        ("/content?filter=createDate>yesterday", "filter", []),
        ("/content?filter=createDate:2026-01-01", "filter", []),
        ("/content?filter=mediaType:Image", "filter", []),
        ("/content?" + string.Join('&', Enumerable.Repeat("filter=name:a", 21)), "filter", []),
        ("/content?sort=colour:asc", "sort", []),
        ("/content?sort=name", "sort", []),
        ("/content?sort=name:sideways", "sort", []),
        ("/content?skip=-1", "skip", []),
        ("/content?skip=ten", "skip", []),
        ("/content?skip=99999999999", "skip", []),
        ("/content?take=-1", "take", []),
        ("/content?take=1000000", "take", []),
        ("/content?take=1;DROP%20TABLE%20content_nodes", "take", []),
        ("/content?expand=properties[", "expand", []),
        ("/content?expand=properties[$all", "expand", []),
        ("/content?expand=everything", "expand", []),
        ("/content?expand=property:", "expand", []),
        ("/content?expand=properties[%3Cscript%3E]", "expand", []),
        ("/content?expand=" + string.Concat(Enumerable.Repeat("properties[a[", 10)) + string.Concat(Enumerable.Repeat("]]", 10)), "expand", []),
        ("/content?fields=properties[a,]", "fields", []),
        ("/content?fields=properties[a]extra", "fields", []),
        ("/content?fetch=children:/" + new string('a', 2000), "fetch", []),
        ("/content/items?id=not-a-guid", "id", []),
        ("/content/items?id=1%20OR%201=1", "id", []),
        ("/content/items?" + string.Join('&', Enumerable.Range(0, 101).Select(_ => "id=" + Guid.Empty)), "id", []),
        ("/content/item/%3Cscript%3Ealert(1)%3C%2Fscript%3E", "idOrPath", []),
        ("/content/item/" + new string('a', 1500), "idOrPath", []),
        ("/content/item/a?expand=properties[", "expand", []),
        ("/content", "Start-Item", [("Start-Item", "no-such-root")]),
        ("/content", "Start-Item", [("Start-Item", "<script>alert(1)</script>")]),
        ("/media", "fetch", []),
        ("/media?fetch=descendants:/", "fetch", []),
        ("/media?fetch=children:/&filter=contentType:home", "filter", []),
        ("/media?fetch=children:/&sort=level:asc", "sort", []),
        ("/media?fetch=children:/&take=-5", "take", []),
        ("/media/items?id=nope", "id", []),
        ("/media/item/%22quoted%22", "idOrPath", []),
    ];

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Malformed_queries_are_400_problems_naming_the_parameter(DatabaseProvider provider)
    {
        await using var site = await DeliveryApiTestSite.StartAsync(provider);

        foreach (var (url, parameter, headers) in BadRequests)
        {
            var (status, body, response) = await site.GetAsync(url, headers);
            var shown = url.Length > 80 ? url[..80] + "…" : url;
            Assert.True(status == HttpStatusCode.BadRequest, $"{shown} returned {(int)status}: {body?.ToJsonString()}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal(400, (int)body!["status"]!);
            var errors = body["errors"]!.AsObject();
            Assert.True(errors.ContainsKey(parameter), $"{shown}: expected an error for '{parameter}', got {errors.ToJsonString()}");
            Assert.False(string.IsNullOrWhiteSpace((string?)body["detail"]), shown);
            var messages = errors.SelectMany(e => e.Value!.AsArray().Select(m => (string)m!)).Append((string)body["detail"]!);
            Assert.All(messages, m => Assert.DoesNotMatch("<[A-Za-z/!]", m)); // hostile input is never echoed as markup
        }

        // Well-formed edge values are fine.
        Assert.Equal(HttpStatusCode.OK, (await site.GetAsync("/content?skip=0&take=1000&filter=createDate>:2026-01-01&filter=updateDate<2030-01-01T00:00:00Z")).Status);
        Assert.Equal(HttpStatusCode.OK, (await site.GetAsync("/content?filter=name:O'Brien")).Status);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Date_filters_compare_create_and_update_dates(DatabaseProvider provider)
    {
        await using var site = await DeliveryApiTestSite.StartAsync(provider);

        // Pages were created a minute apart from 09:00: Safer sleep 09:01, Water safety 09:02, Unsafe places 09:03 ...
        var children = $"?fetch=children:{site.Parents}";
        Assert.Equal(["Water safety", "Unsafe places"], (await site.QueryNamesAsync(children + "&filter=createDate>2026-11-22T09:01:00Z")).Names);
        Assert.Equal(["Safer sleep", "Water safety", "Unsafe places"], (await site.QueryNamesAsync(children + "&filter=createDate>:2026-11-22T09:01:00Z")).Names);
        Assert.Equal(["Safer sleep"], (await site.QueryNamesAsync(children + "&filter=createDate<2026-11-22T09:02:00Z")).Names);
        Assert.Equal(["Safer sleep", "Water safety"], (await site.QueryNamesAsync(children + "&filter=updateDate<:2026-11-22T09:02:00Z")).Names);
    }
}
