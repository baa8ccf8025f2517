using Hangfire;
using Microsoft.EntityFrameworkCore;
using SafeguardingSite.Content.Data;
using SafeguardingSite.Content.Hosting;
using SafeguardingSite.Content.Published;
using SafeguardingSite.Platform.Data;
using SafeguardingSite.Search;

namespace SafeguardingSite.Web.Health;

/// <summary>GET /health: database, job server, search index and content-feed state, for load balancers and operators.</summary>
public static class HealthEndpoints
{
    public static WebApplication MapSiteHealth(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/health", async (
            IDbContextFactory<ContentDbContext> contexts,
            DatabaseOptions database,
            JobStorage jobs,
            SiteSearchIndex search,
            PublishedSnapshotService snapshots,
            ChangeFeedFollower feed,
            TimeProvider clock,
            CancellationToken cancellationToken) =>
        {
            var databaseHealthy = false;
            string? databaseError = null;
            try
            {
                await using var db = await contexts.CreateDbContextAsync(cancellationToken);
                databaseHealthy = await db.Database.CanConnectAsync(cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                databaseError = ex.Message;
            }

            var servers = 0;
            string? jobsError = null;
            try
            {
                servers = jobs.GetMonitoringApi().Servers().Count;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                jobsError = ex.Message;
            }

            var searchState = search.State;
            var snapshot = snapshots.Current;
            var healthy = databaseHealthy && servers > 0 && snapshots.IsLoaded;
            var body = new
            {
                status = healthy ? (searchState.Ready ? "Healthy" : "Degraded") : "Unhealthy",
                checkedAt = clock.GetUtcNow(),
                database = new { status = databaseHealthy ? "Healthy" : "Unhealthy", provider = database.Provider.ToString(), error = databaseError },
                jobs = new { status = servers > 0 ? "Healthy" : "Unhealthy", servers, error = jobsError },
                search = new { status = searchState.Ready ? "Healthy" : "Building", documents = searchState.Documents, sequence = searchState.SnapshotSequence, lastBuiltAt = searchState.LastBuiltAt, error = searchState.LastError },
                content = new
                {
                    status = snapshots.IsLoaded ? "Healthy" : "Loading",
                    pages = snapshot.All.Count,
                    snapshotSequence = snapshot.Sequence,
                    feedSequence = feed.LatestSequence,
                    lag = Math.Max(0, feed.LatestSequence - snapshot.Sequence),
                    lastPolledAt = feed.LastPolledAt,
                    error = feed.LastError,
                },
            };
            return Results.Json(body, statusCode: healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
        }).ExcludeFromDescription();
        return app;
    }
}
