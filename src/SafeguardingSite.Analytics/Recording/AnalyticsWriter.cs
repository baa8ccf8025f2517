using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SafeguardingSite.Analytics.Data;
using SafeguardingSite.Analytics.Time;

namespace SafeguardingSite.Analytics.Recording;

/// <summary>
/// Drains the buffer into the database in batches. A failed batch is kept and retried with growing delays, so a short
/// outage loses nothing that fitted in the buffer; meanwhile requests keep adding to the buffer without waiting.
/// Waits are on the wall clock, not site time, because they wait on the database rather than on the calendar.
/// </summary>
public sealed class AnalyticsWriter(
    AnalyticsBuffer buffer,
    IDbContextFactory<AnalyticsDbContext> contexts,
    SaltStore salts,
    IOptions<AnalyticsOptions> options,
    ILogger<AnalyticsWriter> logger) : BackgroundService
{
    private long written;
    private long failedAttempts;

    public long Written => Interlocked.Read(ref written);

    public long FailedAttempts => Interlocked.Read(ref failedAttempts);

    public string? LastError { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var batch = new List<RecordedView>(settings.BatchSize);
        var reader = buffer.Reader;
        try
        {
            while (await reader.WaitToReadAsync(stoppingToken))
            {
                await FillAsync(reader, batch, settings, stoppingToken);
                await WriteWithRetryAsync(batch, settings, stoppingToken);
                batch.Clear();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // shutting down: a last attempt below for what was already taken
        }

        await FlushOnShutdownAsync(batch);
    }

    private static async Task FillAsync(System.Threading.Channels.ChannelReader<RecordedView> reader, List<RecordedView> batch, AnalyticsOptions settings, CancellationToken stoppingToken)
    {
        using var window = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        window.CancelAfter(settings.FlushInterval);
        try
        {
            while (batch.Count < settings.BatchSize)
            {
                while (batch.Count < settings.BatchSize && reader.TryRead(out var view))
                {
                    batch.Add(view);
                }

                if (batch.Count >= settings.BatchSize || !await reader.WaitToReadAsync(window.Token))
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            // the flush interval ended: write what there is
        }
    }

    private async Task WriteWithRetryAsync(List<RecordedView> batch, AnalyticsOptions settings, CancellationToken stoppingToken)
    {
        var delay = TimeSpan.FromMilliseconds(200);
        while (true)
        {
            try
            {
                await WriteAsync(batch, stoppingToken);
                LastError = null;
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                Interlocked.Increment(ref failedAttempts);
                LastError = ex.GetBaseException().Message;
                logger.LogWarning("Analytics: could not write {Count} views, retrying in {Delay}: {Error}", batch.Count, delay, LastError);
                await Task.Delay(delay, stoppingToken);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, settings.MaxRetryDelay.Ticks));
            }
        }
    }

    internal async Task WriteAsync(IReadOnlyList<RecordedView> batch, CancellationToken cancellationToken)
    {
        var events = new List<AnalyticsEvent>(batch.Count);
        foreach (var view in batch)
        {
            long? hash = null;
            if (!view.Anonymous && view.IpAddress is not null)
            {
                var salt = await salts.GetAsync(UkCalendar.DayOf(view.At), cancellationToken);
                hash = VisitorHasher.Hash(salt, view.IpAddress, view.UserAgent, view.Site);
            }

            events.Add(new AnalyticsEvent
            {
                At = view.At,
                Kind = view.Kind,
                Path = view.Path,
                Section = view.Section,
                VisitorHash = hash,
                ReferrerHost = view.ReferrerHost,
                UtmSource = view.UtmSource,
                UtmCampaign = view.UtmCampaign,
                Device = view.Device,
                SearchTerm = view.SearchTerm,
                SearchResults = view.SearchResults,
                Cookie = view.Cookie,
                EngagedSeconds = view.EngagedSeconds,
            });
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        db.Events.AddRange(events);
        await db.SaveChangesAsync(cancellationToken);
        Interlocked.Add(ref written, events.Count);
    }

    private async Task FlushOnShutdownAsync(List<RecordedView> batch)
    {
        while (batch.Count < options.Value.BufferCapacity && buffer.Reader.TryRead(out var view))
        {
            batch.Add(view);
        }

        if (batch.Count == 0)
        {
            return;
        }

        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await WriteAsync(batch, timeout.Token);
        }
        catch (Exception ex)
        {
            logger.LogWarning("Analytics: {Count} views not written at shutdown: {Error}", batch.Count, ex.GetBaseException().Message);
        }
    }
}
