using System.Diagnostics;
using SafeguardingSite.Content.Services;
using SafeguardingSite.Platform.Data;
using SafeguardingSite.Testing;

namespace SafeguardingSite.Bench;

/// <summary>One node: snapshot rebuild by tree size, publish latency in a 5k tree, and route lookups.</summary>
internal static class SingleNodeBench
{
    private static readonly int[] TreeSizes = [1_000, 5_000, 10_000];
    private const int PublishTreeSize = 5_000;
    private const int RebuildSamples = 5;
    private const int PublishSamples = 10;

    public static async Task RunAsync(DatabaseProvider provider, Report report, bool measureRouteLookups)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var site = await BenchSite.StartAsync(database);
        var name = provider.ToString();
        foreach (var size in TreeSizes)
        {
            var seeding = Stopwatch.StartNew();
            await site.GrowToAsync(size);
            await site.Snapshots.RefreshAsync(); // warm-up; also makes the seeded pages live
            var samples = new List<TimeSpan>();
            for (var i = 0; i < RebuildSamples; i++)
            {
                var started = Stopwatch.GetTimestamp();
                await site.Snapshots.RefreshAsync();
                samples.Add(Stopwatch.GetElapsedTime(started));
            }

            report.Add($"Snapshot rebuild, {site.Snapshots.Current.All.Count:N0} pages", name, Report.Median(samples),
                Report.Spread(samples) + $"; seeding took {seeding.Elapsed.TotalSeconds:0.0} s");

            if (size == PublishTreeSize)
            {
                await MeasurePublishAsync(site, report, name);
            }
        }

        if (measureRouteLookups)
        {
            MeasureRouteLookups(site, report, name);
        }
    }

    private static async Task MeasurePublishAsync(BenchSite site, Report report, string provider)
    {
        var saves = new List<TimeSpan>();
        var publishes = new List<TimeSpan>();
        var indexing = new List<TimeSpan>();
        for (var i = 1; i <= PublishSamples; i++)
        {
            await site.WaitForSearchIndexAsync();
            var started = Stopwatch.GetTimestamp();
            await site.Content.UpdateAsync(site.SamplePage, new UpdateContent(Values: BenchSite.SampleValues(i)), "bench");
            saves.Add(Stopwatch.GetElapsedTime(started));
            started = Stopwatch.GetTimestamp();
            await site.Content.PublishAsync(site.SamplePage, "bench");
            publishes.Add(Stopwatch.GetElapsedTime(started));
            indexing.Add(await site.WaitForSearchIndexAsync());
        }

        var pages = site.Snapshots.Current.All.Count;
        report.Add($"Save draft, one page in {pages:N0}", provider, Report.Median(saves), Report.Spread(saves));
        report.Add($"Publish one page in {pages:N0} (until live on this node)", provider, Report.Median(publishes),
            Report.Spread(publishes) + "; includes the snapshot rebuild");
        report.Add($"Search index catch-up after publish, {pages:N0} pages", provider, Report.Median(indexing),
            Report.Spread(indexing) + "; background, off the request path");
    }

    private static void MeasureRouteLookups(BenchSite site, Report report, string provider)
    {
        var snapshot = site.Snapshots.Current;
        // Mixed case and missing trailing slashes, as browsers and old links send them.
        var paths = snapshot.All.Select((p, i) => i % 3 == 0 ? p.Url.TrimEnd('/').ToUpperInvariant() : p.Url)
            .Append("/no/such/page/").ToArray();
        const int Lookups = 2_000_000;
        for (var i = 0; i < 100_000; i++)
        {
            _ = snapshot.FindByRoute(paths[i % paths.Length]);
        }

        var started = Stopwatch.GetTimestamp();
        var found = 0;
        for (var i = 0; i < Lookups; i++)
        {
            if (snapshot.FindByRoute(paths[i % paths.Length]) is not null)
            {
                found++;
            }
        }

        var single = Stopwatch.GetElapsedTime(started);
        started = Stopwatch.GetTimestamp();
        Parallel.For(0, Environment.ProcessorCount, worker =>
        {
            for (var i = worker; i < Lookups; i += Environment.ProcessorCount)
            {
                _ = snapshot.FindByRoute(paths[i % paths.Length]);
            }
        });
        var parallel = Stopwatch.GetElapsedTime(started);

        report.Add($"Route lookup, {snapshot.All.Count:N0} pages, one thread", provider, $"{Lookups / single.TotalSeconds / 1e6:0.00} M/s",
            $"{single.TotalNanoseconds / Lookups:0} ns each; {found:N0} of {Lookups:N0} found; no database involved");
        report.Add($"Route lookup, {snapshot.All.Count:N0} pages, {Environment.ProcessorCount} threads", provider,
            $"{Lookups / parallel.TotalSeconds / 1e6:0.00} M/s", "same paths spread over all cores");
    }
}
