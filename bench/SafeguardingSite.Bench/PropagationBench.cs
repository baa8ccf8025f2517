using System.Diagnostics;
using SafeguardingSite.Content.Services;
using SafeguardingSite.Platform.Data;
using SafeguardingSite.Testing;

namespace SafeguardingSite.Bench;

/// <summary>Two nodes on one PostgreSQL database: how long after a publish commits on A does B serve it.</summary>
internal static class PropagationBench
{
    private const int TreeSize = 1_000;
    private const int Samples = 12;

    public static async Task RunAsync(Report report)
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.PostgreSql);
        await using var a = await BenchSite.StartAsync(database);
        await a.GrowToAsync(TreeSize);
        await a.Snapshots.RefreshAsync();
        await using var b = await BenchSite.StartAsync(database, sharing: a);

        var latencies = new List<TimeSpan>();
        for (var i = 1; i <= Samples; i++)
        {
            await a.WaitForSearchIndexAsync();
            await b.WaitForSearchIndexAsync();
            // Publish at a random point in B's poll cycle, as real edits do.
            await Task.Delay(Random.Shared.Next(0, 500));
            await a.Content.UpdateAsync(a.SamplePage, new UpdateContent(Values: BenchSite.SampleValues(i)), "bench");
            await a.Content.PublishAsync(a.SamplePage, "bench");
            var committed = Stopwatch.GetTimestamp();
            var wanted = a.Snapshots.Current.Sequence;
            while (b.Snapshots.Current.Sequence < wanted)
            {
                await Task.Delay(1);
            }

            latencies.Add(Stopwatch.GetElapsedTime(committed));
        }

        report.Add($"Change-feed propagation A→B, {a.Snapshots.Current.All.Count:N0} pages", "PostgreSql", Report.Median(latencies),
            Report.Spread(latencies) + "; poll every 500 ms plus B's rebuild");
    }
}
