using System.Net;
using System.Text;
using Microsoft.AspNetCore.Mvc.Testing;
using SafeguardingSite.Analytics.Recording;
using SafeguardingSite.Platform.Data;
using SafeguardingSite.Testing;

namespace SafeguardingSite.IntegrationTests.Analytics;

/// <summary>The script's beacon endpoint under hostile input, on the dashboard tests' shared site (nothing here is recorded).</summary>
public partial class AnalyticsDashboardTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Hostile_beacons_are_refused_with_a_reason_and_never_recorded_or_answered_with_a_cookie(DatabaseProvider provider)
    {
        var site = await sites.GetAsync(provider);
        var buffer = site.Service<AnalyticsBuffer>();
        var acceptedBefore = buffer.Accepted;
        using var browser = site.Content.Site.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false, HandleCookies = false });

        async Task<string> RefusedAsync(string body, string contentType = "text/plain", string? fetchSite = null, HttpStatusCode expected = HttpStatusCode.BadRequest)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, AnalyticsBeacon.Path) { Content = new StringContent(body, Encoding.UTF8, contentType) };
            request.Headers.TryAddWithoutValidation("User-Agent", Browser);
            request.Headers.TryAddWithoutValidation("X-Forwarded-For", "198.51.100.90");
            if (fetchSite is not null)
            {
                request.Headers.TryAddWithoutValidation("Sec-Fetch-Site", fetchSite);
            }

            using var response = await browser.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            var shown = body.Length > 60 ? body[..60] + "…" : body;
            Assert.True(response.StatusCode == expected, $"{shown}: {(int)response.StatusCode} {text}");
            Assert.False(response.Headers.Contains("Set-Cookie"), $"{shown} set a cookie");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            return text;
        }

        Assert.Contains("not valid JSON", await RefusedAsync("<script>alert(1)</script>"), StringComparison.Ordinal);
        Assert.Contains("not valid JSON", await RefusedAsync(new string('[', 100) + new string(']', 100)), StringComparison.Ordinal);
        Assert.Contains("a JSON object", await RefusedAsync("[1,2]"), StringComparison.Ordinal);
        Assert.Contains("at most 2048 bytes", await RefusedAsync($$"""{"kind":"engagement","path":"/{{new string('a', 5000)}}","seconds":5}"""), StringComparison.Ordinal);
        Assert.Contains("Send the beacon as a JSON object", await RefusedAsync("kind=engagement", "application/x-www-form-urlencoded"), StringComparison.Ordinal);
        Assert.Contains("'kind' must be", await RefusedAsync("""{"kind":"pageview","path":"/"}"""), StringComparison.Ordinal);
        Assert.Contains("'kind' must be", await RefusedAsync("""{"kind":"<script>alert(1)</script>","path":"/"}"""), StringComparison.Ordinal);
        Assert.Contains("'kind' must be", await RefusedAsync("""{"kind":{"nested":1},"path":"/"}"""), StringComparison.Ordinal);
        Assert.Contains("'visitor' is not a beacon field", await RefusedAsync("""{"kind":"engagement","path":"/","seconds":5,"visitor":"me"}"""), StringComparison.Ordinal);
        Assert.Contains("'path' must be", await RefusedAsync("""{"kind":"engagement","path":"<script>alert(1)</script>","seconds":5}"""), StringComparison.Ordinal);
        Assert.Contains("'path' must be", await RefusedAsync("""{"kind":"engagement","path":"/x' OR 1=1; DROP TABLE analytics_events;--","seconds":5}"""), StringComparison.Ordinal);
        Assert.Contains("'path' must be", await RefusedAsync("""{"kind":"engagement","path":"//evil.example/","seconds":5}"""), StringComparison.Ordinal);
        Assert.Contains("'path' must be", await RefusedAsync("""{"kind":"engagement","path":42,"seconds":5}"""), StringComparison.Ordinal);
        Assert.Contains("'seconds' must be", await RefusedAsync("""{"kind":"engagement","path":"/","seconds":"12"}"""), StringComparison.Ordinal);
        Assert.Contains("'seconds' must be", await RefusedAsync("""{"kind":"engagement","path":"/","seconds":-5}"""), StringComparison.Ordinal);
        Assert.Contains("'seconds' must be", await RefusedAsync("""{"kind":"engagement","path":"/","seconds":true}"""), StringComparison.Ordinal);
        Assert.Contains("'seconds' must be", await RefusedAsync("""{"kind":"engagement","path":"/"}"""), StringComparison.Ordinal);
        Assert.Contains("'href' must be", await RefusedAsync("""{"kind":"outbound","path":"/","href":"javascript:alert(1)"}"""), StringComparison.Ordinal);
        Assert.Contains("'href' must be", await RefusedAsync("""{"kind":"outbound","path":"/","href":"not a link"}"""), StringComparison.Ordinal);
        Assert.Contains("'href' must be", await RefusedAsync($$"""{"kind":"download","path":"/","href":"https://example.org/{{new string('a', 1985)}}"}"""), StringComparison.Ordinal);
        Assert.Contains("on this site", await RefusedAsync("""{"kind":"outbound","path":"/","href":"https://localhost/training/"}"""), StringComparison.Ordinal);
        Assert.Contains("this site's own pages", await RefusedAsync("""{"kind":"outbound","path":"/","href":"https://www.gov.uk/"}""", fetchSite: "cross-site", expected: HttpStatusCode.Forbidden), StringComparison.Ordinal);
        Assert.Equal(acceptedBefore, buffer.Accepted);
    }
}
