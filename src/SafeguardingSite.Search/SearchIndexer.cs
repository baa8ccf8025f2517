using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SafeguardingSite.Content.Published;

namespace SafeguardingSite.Search;

/// <summary>
/// Brings the search index up to date in the background whenever the published snapshot is swapped or the index asks
/// for a rebuild. Requests never wait for it; several swaps in quick succession collapse into one update to the newest.
/// </summary>
public sealed partial class SearchIndexer(
    SiteSearchIndex index,
    PublishedSnapshotService snapshots,
    TimeProvider clock,
    ILogger<SearchIndexer> logger) : BackgroundService
{
    private readonly Channel<bool> signals = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        snapshots.Swapped += OnSwapped;
        index.RebuildNeeded += OnRebuildNeeded;
        try
        {
            // Before the first snapshot loads, so a restarting node answers searches from yesterday's index at once.
            index.ResumePrevious();
            if (snapshots.IsLoaded)
            {
                signals.Writer.TryWrite(true);
            }

            await foreach (var _ in signals.Reader.ReadAllAsync(stoppingToken))
            {
                var snapshot = snapshots.Current;
                if (!index.IsBehind(snapshot))
                {
                    continue;
                }

                try
                {
                    await Task.Run(() => index.Apply(snapshot, clock.GetUtcNow().UtcDateTime), stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogUpdateFailed(logger, ex);
                }
            }
        }
        finally
        {
            snapshots.Swapped -= OnSwapped;
            index.RebuildNeeded -= OnRebuildNeeded;
        }
    }

    private void OnSwapped(object? sender, PublishedSnapshot snapshot) => signals.Writer.TryWrite(true);

    private void OnRebuildNeeded(object? sender, EventArgs e) => signals.Writer.TryWrite(true);

    [LoggerMessage(Level = LogLevel.Error, Message = "Search index update failed")]
    private static partial void LogUpdateFailed(ILogger logger, Exception exception);
}
