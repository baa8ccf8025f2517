using Microsoft.EntityFrameworkCore;
using SafeguardingSite.Learning.Data;

namespace SafeguardingSite.Learning.Charging;

/// <summary>Reads and adds versions of the charging policy. Saving never edits a version; it adds the next one.</summary>
public sealed class ChargingPolicyService(IDbContextFactory<LearningDbContext> databases, TimeProvider clock)
{
    /// <summary>The first version applies to everything before it, so a session that predates the site still has terms.</summary>
    private static readonly DateTime Beginning = new(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public async Task<ChargingPolicyVersion> CurrentAsync(CancellationToken cancellationToken) =>
        await InForceAtAsync(clock.GetUtcNow().UtcDateTime, cancellationToken);

    public async Task<ChargingPolicyVersion> InForceAtAsync(DateTime at, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var versions = db.Set<ChargingPolicyVersion>().AsNoTracking();
        return await versions.Where(p => p.EffectiveFrom <= at).OrderByDescending(p => p.Version).FirstOrDefaultAsync(cancellationToken)
            ?? await versions.OrderBy(p => p.Version).FirstOrDefaultAsync(cancellationToken)
            ?? throw new InvalidOperationException("The charging policy has not been seeded.");
    }

    public async Task<ChargingPolicyVersion?> FindAsync(int id, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        return await db.Set<ChargingPolicyVersion>().AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
    }

    public async Task<IReadOnlyList<ChargingPolicyVersion>> HistoryAsync(CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        return await db.Set<ChargingPolicyVersion>().AsNoTracking().OrderByDescending(p => p.Version).ToListAsync(cancellationToken);
    }

    /// <summary>Adds the next version, in force from now. Two saves racing get different numbers or one fails on the unique index and retries.</summary>
    public async Task<ChargingPolicyVersion> SaveAsync(ChargingTerms terms, string actor, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await databases.CreateDbContextAsync(cancellationToken);
            var next = (await db.Set<ChargingPolicyVersion>().MaxAsync(p => (int?)p.Version, cancellationToken) ?? 0) + 1;
            var version = ChargingPolicyVersion.From(terms, next, clock.GetUtcNow().UtcDateTime, actor);
            db.Add(version);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return version;
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                // Someone saved the same version number a moment earlier; number this one after theirs.
            }
        }
    }

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        if (await db.Set<ChargingPolicyVersion>().AnyAsync(cancellationToken))
        {
            return;
        }

        db.Add(ChargingPolicyVersion.From(ChargingTerms.Default, 1, Beginning, "default policy"));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another node seeded version 1 at the same moment.
        }
    }
}
