using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using SafeguardingSite.Analytics.Data;

namespace SafeguardingSite.Analytics.Recording;

/// <summary>
/// One random secret per UK day (the same days as the roll-ups, so a visit never spans two of them), shared by every web node through the table (first node to need it creates it) and
/// cached in memory. The retention job deletes salts older than yesterday, after which no hash can be recomputed.
/// </summary>
public sealed class SaltStore(IDbContextFactory<AnalyticsDbContext> contexts)
{
    private readonly ConcurrentDictionary<DateOnly, byte[]> cache = new();

    internal async Task<byte[]> GetAsync(DateOnly day, CancellationToken cancellationToken)
    {
        if (cache.TryGetValue(day, out var known))
        {
            return known;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var stored = await db.Salts.AsNoTracking().FirstOrDefaultAsync(s => s.Day == day, cancellationToken);
        if (stored is null)
        {
            try
            {
                db.Salts.Add(new AnalyticsSalt { Day = day, Secret = RandomNumberGenerator.GetBytes(32) });
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // another node created it first: use theirs
            }

            await using var reread = await contexts.CreateDbContextAsync(cancellationToken);
            stored = await reread.Salts.AsNoTracking().FirstAsync(s => s.Day == day, cancellationToken);
        }

        foreach (var old in cache.Keys.Where(d => d < day.AddDays(-1)))
        {
            cache.TryRemove(old, out _);
        }

        cache[day] = stored.Secret;
        return stored.Secret;
    }
}
