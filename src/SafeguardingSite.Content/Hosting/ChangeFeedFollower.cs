using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SafeguardingSite.Content.Data;
using SafeguardingSite.Content.Published;

namespace SafeguardingSite.Content.Hosting;

/// <summary>
/// Keeps this node's snapshot in step with publishes made by any node: it reads the highest change-feed sequence and
/// rebuilds when it is ahead of the live snapshot. A missed poll costs latency, never correctness.
/// </summary>
public sealed class ChangeFeedFollower(
    IDbContextFactory<ContentDbContext> contexts,
    PublishedSnapshotService snapshots,
    IOptions<ContentOptions> options,
    TimeProvider clock,
    ILogger<ChangeFeedFollower> logger) : BackgroundService
{
    public DateTime? LastPolledAt { get; private set; }
    public long LatestSequence { get; private set; }
    public string? LastError { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The cadence is real elapsed time, not site time: the site's clock only stamps and schedules content, and a
        // frozen or hand-moved clock (tests, a paused replay) must not stop this node from seeing other nodes' publishes.
        using var timer = new PeriodicTimer(options.Value.ChangeFeedPollInterval, TimeProvider.System);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await PollOnceAsync(stoppingToken);
        }
    }

    public async Task PollOnceAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            LatestSequence = await db.Changes.MaxAsync(c => (long?)c.Sequence, cancellationToken) ?? 0;
            LastPolledAt = clock.GetUtcNow().UtcDateTime;
            LastError = null;
            if (LatestSequence > snapshots.Current.Sequence)
            {
                await snapshots.RefreshAsync(LatestSequence, cancellationToken);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The site keeps serving the last good snapshot while the database is unreachable.
            LastError = ex.Message;
            logger.LogWarning(ex, "Could not read the content change feed");
        }
    }
}
