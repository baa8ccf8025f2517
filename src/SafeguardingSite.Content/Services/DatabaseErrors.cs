using System.Data.Common;

namespace SafeguardingSite.Content.Services;

/// <summary>Errors that mean "someone else got there first; try again", across the two providers.</summary>
internal static class DatabaseErrors
{
    public static bool IsRetryable(Exception ex) => ex switch
    {
        Microsoft.Data.Sqlite.SqliteException sqlite => sqlite.SqliteErrorCode is 5 or 6 or 19, // busy, locked, constraint
        Npgsql.PostgresException pg => pg.SqlState is "40001" or "40P01" or "23505" or "55P03",
        DbException { IsTransient: true } => true,
        _ => false,
    };
}
