using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace SafeguardingSite.Platform.Data;

public static class ExclusiveMigrations
{
    /// <summary>The lock id is arbitrary but fixed: every module's start-up migration takes the same advisory lock.</summary>
    private const string LockSql = "SELECT pg_advisory_lock(7243002)";
    private const string UnlockSql = "SELECT pg_advisory_unlock(7243002)";

    /// <summary>
    /// Applies pending migrations, one node at a time: when several web nodes start together on one PostgreSQL
    /// database, the second waits for the first instead of creating the same table again. SQLite is one file on
    /// one machine and EF already serialises it there.
    /// </summary>
    public static async Task MigrateExclusivelyAsync(this DatabaseFacade database, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        if (!database.IsNpgsql())
        {
            await database.MigrateAsync(cancellationToken);
            return;
        }

        await database.OpenConnectionAsync(cancellationToken);
        try
        {
            await database.ExecuteSqlRawAsync(LockSql, cancellationToken);
            try
            {
                await database.MigrateAsync(cancellationToken);
            }
            finally
            {
                await database.ExecuteSqlRawAsync(UnlockSql, CancellationToken.None);
            }
        }
        finally
        {
            await database.CloseConnectionAsync();
        }
    }
}
