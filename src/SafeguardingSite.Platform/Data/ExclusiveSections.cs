using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;

namespace SafeguardingSite.Platform.Data;

public static class ExclusiveSections
{
    private static readonly ConcurrentDictionary<long, SemaphoreSlim> LocalGates = new();

    /// <summary>
    /// Runs <paramref name="work"/> on <paramref name="db"/> while no other node runs work under the same lock id: on
    /// PostgreSQL a transaction-scoped advisory lock (released by the commit, or by the server if the node dies), on
    /// SQLite, which is one file used by one machine, a gate in this process. Keep the work short: it is for
    /// read-then-write decisions such as "how many may I take", not for the slow part that follows.
    /// </summary>
    public static async Task<T> RunExclusivelyAsync<T>(this DbContext db, long lockId, Func<Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(work);
        if (!db.Database.IsNpgsql())
        {
            var gate = LocalGates.GetOrAdd(lockId, _ => new SemaphoreSlim(1, 1));
            await gate.WaitAsync(cancellationToken);
            try
            {
                return await work();
            }
            finally
            {
                gate.Release();
            }
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({lockId})", cancellationToken);
        var result = await work();
        await transaction.CommitAsync(cancellationToken);
        return result;
    }
}
