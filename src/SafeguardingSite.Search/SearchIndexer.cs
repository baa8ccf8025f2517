using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SafeguardingSite.Content.Published;

namespace SafeguardingSite.Search;

/// <summary>
/// Rebuilds the search index in the background whenever the published snapshot is swapped. Requests never wait for it;
/// several swaps in quick succession collapse into one rebuild of the newest snapshot.
/// </summary>
public sealed class SearchIndexer(
    SiteSearchIndex index,
    PublishedSnapshotService snapshots,
    TimeProvider clock,
    ILogger<SearchIndexer> logger) : BackgroundService
{
    private readonly Channel<bool> signals = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        snapshots.Swapped += OnSwapped;
        try
        {
            if (snapshots.IsLoaded)
            {
                signals.Writer.TryWrite(true);
            }

            await foreach (var _ in signals.Reader.ReadAllAsync(stoppingToken))
            {
                var snapshot = snapshots.Current;
                if (index.State.Ready && index.State.SnapshotSequence == snapshot.Sequence && snapshot.Sequence > 0)
                {
                    continue;
                }

                try
                {
                    await Task.Run(() => index.Rebuild(snapshot, clock.GetUtcNow().UtcDateTime), stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogError(ex, "Search index rebuild failed");
                }
            }
        }
        finally
        {
            snapshots.Swapped -= OnSwapped;
        }
    }

    private void OnSwapped(object? sender, PublishedSnapshot snapshot) => signals.Writer.TryWrite(true);
}
