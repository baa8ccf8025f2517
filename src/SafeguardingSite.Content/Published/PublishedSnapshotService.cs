using Microsoft.Extensions.Logging;

namespace SafeguardingSite.Content.Published;

/// <summary>
/// Holds the live snapshot and replaces it atomically. Rebuilds are serialised, so two publishes finishing at once
/// cannot leave an older tree in place of a newer one.
/// </summary>
public sealed class PublishedSnapshotService(PublishedSnapshotBuilder builder, ILogger<PublishedSnapshotService> logger)
    : IPublishedSnapshotAccessor, IDisposable
{
    private readonly SemaphoreSlim rebuildGate = new(1, 1);
    private PublishedSnapshot current = PublishedSnapshot.Empty;

    public PublishedSnapshot Current => Volatile.Read(ref current);

    /// <summary>True once the first snapshot has been loaded from the database.</summary>
    public bool IsLoaded { get; private set; }

    public DateTime? LastRebuiltAt { get; private set; }

    /// <summary>Raised after each swap, e.g. so the search index can follow. Handlers must return quickly.</summary>
    public event EventHandler<PublishedSnapshot>? Swapped;

    /// <summary>Rebuilds unless a snapshot at or beyond <paramref name="minimumSequence"/> is already live.</summary>
    public async Task RefreshAsync(long? minimumSequence = null, CancellationToken cancellationToken = default)
    {
        await rebuildGate.WaitAsync(cancellationToken);
        try
        {
            if (IsLoaded && minimumSequence is { } wanted && Current.Sequence >= wanted)
            {
                return;
            }

            var started = DateTime.UtcNow;
            var snapshot = await builder.BuildAsync(preview: false, cancellationToken);
            Volatile.Write(ref current, snapshot);
            IsLoaded = true;
            LastRebuiltAt = DateTime.UtcNow;
            Swapped?.Invoke(this, snapshot);
            logger.LogDebug("Published snapshot rebuilt at sequence {Sequence} with {Count} pages in {Elapsed} ms",
                snapshot.Sequence, snapshot.All.Count, (DateTime.UtcNow - started).TotalMilliseconds);
        }
        finally
        {
            rebuildGate.Release();
        }
    }

    /// <summary>Drafts for previews: built on demand, never stored as the live snapshot.</summary>
    public Task<PublishedSnapshot> BuildPreviewAsync(CancellationToken cancellationToken) =>
        builder.BuildAsync(preview: true, cancellationToken);

    public void Dispose() => rebuildGate.Dispose();
}
