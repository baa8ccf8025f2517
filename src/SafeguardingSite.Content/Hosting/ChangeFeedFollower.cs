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
        using var timer = new PeriodicTimer(options.Value.ChangeFeedPollInterval, clock);
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
