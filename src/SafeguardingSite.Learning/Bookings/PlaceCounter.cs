using Microsoft.EntityFrameworkCore;
using SafeguardingSite.Learning.Data;

namespace SafeguardingSite.Learning.Bookings;

public enum PlaceOutcome
{
    Taken,
    SessionFull,
    OrganisationFull,
}

/// <summary>
/// Takes and gives back places. Each change is one conditional UPDATE (<c>SET PlacesTaken = PlacesTaken + 1 WHERE
/// PlacesTaken &lt; Capacity</c>): the database row is the only arbiter, so however many requests race for the last
/// place, exactly one UPDATE matches. On PostgreSQL the competing UPDATEs queue on the row lock and re-check the
/// condition against the committed value; on SQLite the write lock serialises them. Callers run these inside their
/// transaction so a place taken for a booking that then fails to save is given back by the rollback. The session row
/// is always locked before the organisation row, so two transactions never wait on each other in opposite orders.
/// </summary>
internal static class PlaceCounter
{
    public static async Task<PlaceOutcome> TryTakeAsync(LearningDbContext db, int sessionId, int organisationId, int? quota, CancellationToken cancellationToken)
    {
        var taken = await db.Sessions
            .Where(s => s.Id == sessionId && s.PlacesTaken < s.Capacity)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.PlacesTaken, x => x.PlacesTaken + 1), cancellationToken);
        if (taken == 0)
        {
            return PlaceOutcome.SessionFull;
        }

        if (quota is not { } limit)
        {
            return PlaceOutcome.Taken;
        }

        await EnsureOrganisationRowAsync(db, sessionId, organisationId, cancellationToken);
        var withinQuota = await db.OrganisationPlaces
            .Where(p => p.SessionId == sessionId && p.OrganisationId == organisationId && p.PlacesTaken < limit)
            .ExecuteUpdateAsync(p => p.SetProperty(x => x.PlacesTaken, x => x.PlacesTaken + 1), cancellationToken);
        if (withinQuota == 0)
        {
            // Give the session place back inside the same transaction; nothing else could have seen it.
            await db.Sessions.Where(s => s.Id == sessionId)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.PlacesTaken, x => x.PlacesTaken - 1), cancellationToken);
            return PlaceOutcome.OrganisationFull;
        }

        return PlaceOutcome.Taken;
    }

    public static async Task ReleaseAsync(LearningDbContext db, int sessionId, int organisationId, CancellationToken cancellationToken)
    {
        await db.Sessions.Where(s => s.Id == sessionId && s.PlacesTaken > 0)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.PlacesTaken, x => x.PlacesTaken - 1), cancellationToken);
        await db.OrganisationPlaces.Where(p => p.SessionId == sessionId && p.OrganisationId == organisationId && p.PlacesTaken > 0)
            .ExecuteUpdateAsync(p => p.SetProperty(x => x.PlacesTaken, x => x.PlacesTaken - 1), cancellationToken);
    }

    /// <summary>
    /// The per-organisation counter row is created on first use. The statement is the same on both providers and a
    /// concurrent insert of the same row is simply ignored.
    /// </summary>
    private static Task EnsureOrganisationRowAsync(LearningDbContext db, int sessionId, int organisationId, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlInterpolatedAsync(
            $"""INSERT INTO learning_session_organisation_places ("SessionId", "OrganisationId", "PlacesTaken") VALUES ({sessionId}, {organisationId}, 0) ON CONFLICT ("SessionId", "OrganisationId") DO NOTHING""",
            cancellationToken);
}
