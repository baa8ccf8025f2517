using Hangfire;
using Hangfire.Dashboard;
using Hangfire.InMemory;
using Hangfire.PostgreSql;
using SafeguardingSite.Content.Scheduling;
using SafeguardingSite.Platform.Data;

namespace SafeguardingSite.Web.Jobs;

/// <summary>
/// Hangfire: in-memory storage for the embedded default, PostgreSQL storage when the site runs on PostgreSQL so that
/// recurring jobs run once across all web nodes. Job state that matters (bookings, sends, schedules) lives in the
/// modules' own tables; the queue only says when to look.
/// </summary>
public static class SiteJobs
{
    public static IServiceCollection AddSiteJobs(this IServiceCollection services, DatabaseOptions database, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(database);
        services.AddHangfire(config =>
        {
            config.SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
                .UseSimpleAssemblyNameTypeSerializer()
                .UseRecommendedSerializerSettings();
            if (database.Provider == DatabaseProvider.PostgreSql)
            {
                config.UsePostgreSqlStorage(o => o.UseNpgsqlConnection(database.ConnectionString),
                    new PostgreSqlStorageOptions { SchemaName = "hangfire", PrepareSchemaIfNecessary = true, QueuePollInterval = TimeSpan.FromSeconds(1) });
            }
            else
            {
                config.UseInMemoryStorage();
            }
        });
        services.AddHangfireServer(o =>
        {
            o.WorkerCount = Math.Max(2, Environment.ProcessorCount);
            o.SchedulePollingInterval = TimeSpan.FromSeconds(5);
            o.ServerName = $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid():N}";
        });
        return services;
    }

    public static WebApplication MapSiteJobs(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var recurring = app.Services.GetRequiredService<IRecurringJobManager>();
        recurring.AddOrUpdate<ScheduledPublishingJob>(ScheduledPublishingJob.RecurringJobId, j => j.RunAsync(CancellationToken.None), Cron.Minutely());

        // Catch up at once on anything that fell due while the site was down.
        app.Services.GetRequiredService<IBackgroundJobClient>().Enqueue<ScheduledPublishingJob>(j => j.RunAsync(CancellationToken.None));

        app.MapHangfireDashboard("/umbraco/jobs", new DashboardOptions
        {
            Authorization = [new AdministratorsOnlyDashboardFilter()],
            DashboardTitle = "Background jobs",
        });
        return app;
    }

    /// <summary>The dashboard shows and can retry jobs, so only signed-in administrators may open it.</summary>
    private sealed class AdministratorsOnlyDashboardFilter : IDashboardAuthorizationFilter
    {
        public bool Authorize(DashboardContext context) =>
            context.GetHttpContext().User is { Identity.IsAuthenticated: true } user && user.IsInRole("Administrator");
    }
}
