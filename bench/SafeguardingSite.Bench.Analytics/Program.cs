using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using SafeguardingSite.Analytics.Data;
using SafeguardingSite.Analytics.Recording;
using SafeguardingSite.Platform.Data;
using SafeguardingSite.Testing;

// Analytics figures for docs/performance.md: page latency with recording on and off in the same run, and the ingest
// rate from the buffer into the database. Kept short: a few hundred requests and 20,000 views per provider.
Directory.SetCurrentDirectory(AppContext.BaseDirectory);
const int Requests = 400;
const int Views = 20_000;
const string Browser = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36";
Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}");
var providers = new List<DatabaseProvider> { DatabaseProvider.Sqlite };
if (!string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(TestDatabase.PostgresVariable)))
{
    providers.Add(DatabaseProvider.PostgreSql);
}

// `dotnet run -- PostgreSql` measures one provider only.
foreach (var provider in providers.Where(p => args.Length == 0 || args.Contains(p.ToString(), StringComparer.OrdinalIgnoreCase)))
{
    foreach (var enabled in new[] { false, true, false, true })
    {
        var (median, p95) = await PageLatencyAsync(provider, enabled);
        Console.WriteLine($"{provider,-10} analytics {(enabled ? "on " : "off")}: page GET / median {median:0.00} ms, p95 {p95:0.00} ms ({Requests} requests)");
    }

    Console.WriteLine($"{provider,-10} ingest: {await IngestRateAsync(provider):0} views/s into the database ({Views} views, batches of 500)");
}

async Task<(double Median, double P95)> PageLatencyAsync(DatabaseProvider provider, bool enabled)
{
    await using var database = await TestDatabase.CreateAsync(provider);
    await using var site = new SiteHost(database)
        .WithSetting("Analytics:Enabled", enabled ? "true" : "false")
        .WithSetting("Analytics:ClientIpSource", "ForwardedHeader");
    using var client = site.CreateClient();
    async Task GetAsync(int i)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.TryAddWithoutValidation("User-Agent", Browser);
        request.Headers.TryAddWithoutValidation("X-Forwarded-For", $"10.1.{i / 250}.{i % 250}");
        using var response = await client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        await response.Content.ReadAsByteArrayAsync();
    }

    for (var i = 0; i < 50; i++)
    {
        await GetAsync(i);
    }

    var timings = new List<double>(Requests);
    for (var i = 0; i < Requests; i++)
    {
        var started = Stopwatch.GetTimestamp();
        await GetAsync(i);
        timings.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    timings.Sort();
    return (timings[timings.Count / 2], timings[(int)(timings.Count * 0.95)]);
}

async Task<double> IngestRateAsync(DatabaseProvider provider)
{
    await using var database = await TestDatabase.CreateAsync(provider);
    await using var site = new SiteHost(database).WithSetting("Analytics:BufferCapacity", (Views * 2).ToString(System.Globalization.CultureInfo.InvariantCulture));
    var buffer = site.Services.GetRequiredService<AnalyticsBuffer>();
    var writer = site.Services.GetRequiredService<AnalyticsWriter>();
    var at = site.Clock.GetUtcNow().UtcDateTime;
    var started = Stopwatch.GetTimestamp();
    for (var i = 0; i < Views; i++)
    {
        buffer.Add(new RecordedView(at, AnalyticsEventKind.PageView, $"/page-{i % 50}/", "/", $"10.2.{i / 250 % 250}.{i % 250}", Browser, "localhost", false, null, null, null, DeviceClass.Desktop));
    }

    while (writer.Written < Views)
    {
        await Task.Delay(5);
    }

    return Views / Stopwatch.GetElapsedTime(started).TotalSeconds;
}
