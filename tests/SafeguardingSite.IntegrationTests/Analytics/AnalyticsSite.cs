using System.Net.Http.Headers;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using SafeguardingSite.Analytics;
using SafeguardingSite.Analytics.Data;
using SafeguardingSite.Analytics.Recording;
using SafeguardingSite.Content.ManagementApi;
using SafeguardingSite.Platform.Data;
using SafeguardingSite.Testing;

namespace SafeguardingSite.IntegrationTests.Analytics;

/// <summary>The demo site with analytics reading the client address from X-Forwarded-For, and helpers to script visits.</summary>
internal sealed class AnalyticsSite : IAsyncDisposable
{
    public const string Desktop = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36";
    public const string Phone = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1";
    public const string Googlebot = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";

    private AnalyticsSite(TestDatabase database, SiteHost site, HttpClient client)
    {
        Database = database;
        Site = site;
        Client = client;
    }

    public TestDatabase Database { get; }
    public SiteHost Site { get; }
    public HttpClient Client { get; }
    public List<HttpResponseMessage> Responses { get; } = [];
    public AnalyticsWriter Writer => Site.Services.GetRequiredService<AnalyticsWriter>();
    public AnalyticsBuffer Buffer => Site.Services.GetRequiredService<AnalyticsBuffer>();

    public static async Task<AnalyticsSite> StartAsync(DatabaseProvider provider, params (string Key, string Value)[] settings)
    {
        var database = await TestDatabase.CreateAsync(provider);
        var site = new SiteHost(database)
            .WithSetting("Analytics:ClientIpSource", "ForwardedHeader")
            .WithSetting("Analytics:FlushInterval", "00:00:00.050")
            .WithSetting("Analytics:MaxRetryDelay", "00:00:00.500");
        foreach (var (key, value) in settings)
        {
            site.WithSetting(key, value);
        }

        var client = site.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        return new AnalyticsSite(database, site, client);
    }

    public async Task<HttpResponseMessage> VisitAsync(DateTimeOffset at, string ip, string userAgent, string path, Action<HttpRequestHeaders>? headers = null)
    {
        Site.Clock.SetUtcNow(at);
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("User-Agent", userAgent);
        request.Headers.TryAddWithoutValidation("X-Forwarded-For", ip);
        headers?.Invoke(request.Headers);
        var response = await Client.SendAsync(request);
        Responses.Add(response);
        return response;
    }

    /// <summary>Posts one beacon as the public site's script does with sendBeacon: a JSON string sent as text/plain.</summary>
    public async Task<HttpResponseMessage> BeaconAsync(DateTimeOffset at, string ip, string userAgent, string json, Action<HttpRequestHeaders>? headers = null)
    {
        Site.Clock.SetUtcNow(at);
        using var request = new HttpRequestMessage(HttpMethod.Post, AnalyticsBeacon.Path) { Content = new StringContent(json, System.Text.Encoding.UTF8, "text/plain") };
        request.Headers.TryAddWithoutValidation("User-Agent", userAgent);
        request.Headers.TryAddWithoutValidation("X-Forwarded-For", ip);
        headers?.Invoke(request.Headers);
        var response = await Client.SendAsync(request);
        Responses.Add(response);
        return response;
    }

    public async Task<HttpClient> ClientForGroupAsync(string group)
    {
        var key = await Site.Services.GetRequiredService<ApiKeyService>().CreateAsync("analytics test " + group, group, "test");
        var client = Site.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key.Token);
        return client;
    }

    public Task WrittenAsync(long count) =>
        Eventually.HoldsAsync(() => Writer.Written >= count, TimeSpan.FromSeconds(30), $"{count} analytics events written (have {Writer.Written})");

    public async Task<List<AnalyticsEvent>> StoredEventsAsync()
    {
        await using var db = await Site.Services.GetRequiredService<IDbContextFactory<AnalyticsDbContext>>().CreateDbContextAsync();
        return await db.Events.AsNoTracking().OrderBy(e => e.Id).ToListAsync();
    }

    /// <summary>
    /// Makes the database refuse the analytics writer: PostgreSQL stops accepting connections and drops the open ones;
    /// SQLite is held under an exclusive write lock by another connection, as a backup tool or a stuck process would.
    /// Dispose the result to end the outage.
    /// </summary>
    public async Task<IAsyncDisposable> StartOutageAsync()
    {
        if (Database.Provider == DatabaseProvider.Sqlite)
        {
            var connection = new SqliteConnection(Database.Options.ConnectionString);
            await connection.OpenAsync();
            await using (var command = connection.CreateCommand())
            {
                command.CommandText = "BEGIN EXCLUSIVE;";
                await command.ExecuteNonQueryAsync();
            }

            return new Outage(async () =>
            {
                await using (var command = connection.CreateCommand())
                {
                    command.CommandText = "COMMIT;";
                    await command.ExecuteNonQueryAsync();
                }

                await connection.DisposeAsync();
            });
        }

        var name = new NpgsqlConnectionStringBuilder(Database.Options.ConnectionString).Database!;
        var admin = Environment.GetEnvironmentVariable(TestDatabase.PostgresVariable)!;
        await AdminAsync(admin, $"ALTER DATABASE {name} ALLOW_CONNECTIONS false; " +
            $"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}' AND pid <> pg_backend_pid();");
        return new Outage(async () =>
        {
            await AdminAsync(admin, $"ALTER DATABASE {name} ALLOW_CONNECTIONS true;");
            NpgsqlConnection.ClearAllPools();
        });
    }

    private static async Task AdminAsync(string admin, string sql)
    {
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var response in Responses)
        {
            response.Dispose();
        }

        Client.Dispose();
        await Site.DisposeAsync();
        await Database.DisposeAsync();
    }

    private sealed class Outage(Func<Task> end) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await end();
    }
}
