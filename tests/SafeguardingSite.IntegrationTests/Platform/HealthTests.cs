using System.Net;
using System.Text.Json;
using SafeguardingSite.Platform.Data;
using SafeguardingSite.Testing;

namespace SafeguardingSite.IntegrationTests.Platform;

public class HealthTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Health_reports_database_jobs_and_search(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        using var site = new SiteHost(database, importDemoContent: false);
        using var client = site.CreateClient();

        using var response = await client.GetAsync(new Uri("/health", UriKind.Relative));
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", body.RootElement.GetProperty("database").GetProperty("status").GetString());
        Assert.Equal(provider.ToString(), body.RootElement.GetProperty("database").GetProperty("provider").GetString());
        Assert.True(body.RootElement.GetProperty("jobs").GetProperty("servers").GetInt32() >= 1);
        Assert.True(body.RootElement.TryGetProperty("search", out _));
    }
}
