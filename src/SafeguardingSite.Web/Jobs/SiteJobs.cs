using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.Dashboard;
using Hangfire.InMemory;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
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

        // Storage and activator belong to this host. Hangfire's defaults read process-wide statics (JobStorage.Current,
        // JobActivator.Current) that the last host to start overwrites, so two hosts in one process (the scale-out
        // tests, the bench) would enqueue into each other's storage and resolve jobs from each other's containers.
        // Registered first, these win over the defaults AddHangfire only adds when missing.
        services.AddSingleton<JobStorage>(_ => CreateStorage(database));
        services.AddSingleton<JobActivator>(sp => new AspNetCoreJobActivator(sp.GetRequiredService<IServiceScopeFactory>()));
        services.AddHangfire((sp, config) =>
        {
            config.SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
                .UseSimpleAssemblyNameTypeSerializer()
                .UseRecommendedSerializerSettings()
                .UseLogProvider(HangfireLogging.Instance);
            HangfireLogging.Instance.Attach(sp.GetRequiredService<ILoggerFactory>(), sp.GetRequiredService<IHostApplicationLifetime>());
        });
        services.AddHangfireServer(o =>
        {
            o.WorkerCount = Math.Max(2, Environment.ProcessorCount);
            o.SchedulePollingInterval = TimeSpan.FromSeconds(5);
            o.ServerName = $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid():N}";
        });
        return services;
    }

    private static JobStorage CreateStorage(DatabaseOptions database)
    {
        if (database.Provider != DatabaseProvider.PostgreSql)
        {
            return new InMemoryStorage();
        }

        var options = new PostgreSqlStorageOptions { SchemaName = "hangfire", PrepareSchemaIfNecessary = true, QueuePollInterval = TimeSpan.FromSeconds(1) };
        return new PostgreSqlStorage(new NpgsqlConnectionFactory(database.ConnectionString, options), options);
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
