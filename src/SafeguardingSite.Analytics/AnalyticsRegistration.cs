using System.Globalization;
using Hangfire;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.AspNetCore.Mvc.ApplicationParts;
using SafeguardingSite.Analytics.BackOffice;
using SafeguardingSite.Analytics.Data;
using SafeguardingSite.Analytics.Jobs;
using SafeguardingSite.Analytics.Recording;
using SafeguardingSite.Analytics.Reporting;
using SafeguardingSite.BackOffice.Extensibility;
using SafeguardingSite.BackOffice.Identity;
using SafeguardingSite.Content.ManagementApi;
using SafeguardingSite.Platform.Commands;
using SafeguardingSite.Platform.Data;

namespace SafeguardingSite.Analytics;

/// <summary>Privacy-first page analytics: cookieless server-side counting (plus an opt-in returning-visitor cookie), batched writes, daily roll-ups and reports.</summary>
public static class AnalyticsRegistration
{
    public const string ReadPolicy = "analytics.read";
    public const string ReaderGroup = "Analytics reader";
    public const string ApiPath = ManagementApiRegistration.BasePath + "/analytics";

    /// <summary>A writer that waits a minute on a locked SQLite file would hold its batch that long; failing fast lets it retry.</summary>
    private const int SqliteBusyTimeoutSeconds = 5;

    public static IServiceCollection AddAnalytics(this IServiceCollection services, IConfiguration configuration, DatabaseOptions database)
    {
        ArgumentNullException.ThrowIfNull(database);
        services.Configure<AnalyticsOptions>(configuration.GetSection(AnalyticsOptions.SectionName));
        services.AddModuleDbContext<AnalyticsDbContext, SqliteAnalyticsDbContext, PostgresAnalyticsDbContext>(
            ForAnalytics(database), AnalyticsDbContext.MigrationsHistoryTable);
        services.AddSingleton<AnalyticsBuffer>();
        services.AddSingleton<SaltStore>();
        services.AddSingleton<RollupBuilder>();
        services.AddSingleton<AnalyticsReports>();
        services.AddTransient<AnalyticsRollupJob>();
        services.AddTransient<AnalyticsRetentionJob>();
        services.AddHostedService<AnalyticsStartup>();
        services.AddSingleton<AnalyticsWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<AnalyticsWriter>());
        services.AddSingleton<ISiteCommand, RebuildRollupsCommand>();
        services.AddBackOfficeSection(new BackOfficeSection(
            "analytics", "Analytics", "Visits to the website: pages, visitors, searches and the annual figures.", BackOfficePermission.AnalyticsRead, 60));
        services.AddScoped<IContentEditorPanel, AnalyticsEditorPanel>();
        var assembly = typeof(AnalyticsRegistration).Assembly;
        services.AddControllersWithViews().ConfigureApplicationPartManager(parts =>
        {
            if (!parts.ApplicationParts.OfType<AssemblyPart>().Any(p => p.Assembly == assembly))
            {
                parts.ApplicationParts.Add(new AssemblyPart(assembly));
            }
        });
        services.AddAuthorizationBuilder().AddPolicy(ReadPolicy, p => p
            .AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName)
            .RequireAuthenticatedUser()
            .RequireRole(UserGroups.Administrator, ReaderGroup));
        return services;
    }

    private static DatabaseOptions ForAnalytics(DatabaseOptions database)
    {
        if (database.Provider != DatabaseProvider.Sqlite)
        {
            return database;
        }

        var builder = new SqliteConnectionStringBuilder(database.ConnectionString) { DefaultTimeout = SqliteBusyTimeoutSeconds };
        return new DatabaseOptions { Provider = database.Provider, ConnectionString = builder.ToString() };
    }

    public static WebApplication MapAnalytics(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app.Services.GetRequiredService<IOptions<AnalyticsOptions>>().Value.Enabled)
        {
            app.UseMiddleware<AnalyticsRecorder>();
        }

        var recurring = app.Services.GetRequiredService<IRecurringJobManager>();
        recurring.AddOrUpdate<AnalyticsRollupJob>(AnalyticsRollupJob.RecurringJobId, j => j.RunAsync(CancellationToken.None), "5 * * * *");
        recurring.AddOrUpdate<AnalyticsRetentionJob>(AnalyticsRetentionJob.RecurringJobId, j => j.RunAsync(CancellationToken.None), "30 3 * * *");

        // A plain form post from the public footer: no antiforgery token, because issuing one would itself set a cookie
        // before the visitor had agreed to any; cross-site posts are refused instead.
        app.MapPost(ReturningVisitorCookie.ConsentPath, (HttpContext context, TimeProvider clock) => ReturningVisitorCookie.HandleConsentAsync(context, clock))
            .DisableAntiforgery().ExcludeFromDescription();

        // The public script's beacons: same-origin JSON, no token for the same reason, and never a cookie in the answer.
        app.MapPost(AnalyticsBeacon.Path, (HttpContext context, AnalyticsBuffer buffer, IOptions<AnalyticsOptions> options, TimeProvider clock) =>
                AnalyticsBeacon.HandleAsync(context, buffer, options, clock))
            .DisableAntiforgery().ExcludeFromDescription();

        app.MapGet("/health/analytics", (AnalyticsBuffer buffer, AnalyticsWriter writer, IOptions<AnalyticsOptions> options) => Results.Json(new
        {
            status = writer.LastError is null ? "Healthy" : "Degraded",
            enabled = options.Value.Enabled,
            buffered = buffer.Waiting,
            capacity = buffer.Capacity,
            accepted = buffer.Accepted,
            written = writer.Written,
            dropped = buffer.Dropped,
            failedWrites = writer.FailedAttempts,
            error = writer.LastError,
        })).ExcludeFromDescription();

        var api = app.MapGroup(ApiPath).RequireAuthorization(ReadPolicy);
        api.MapGet("/summary", async (string? from, string? to, AnalyticsReports reports, CancellationToken cancellationToken) =>
        {
            var errors = new Dictionary<string, string[]>();
            var start = ParseDay(from, "from", errors);
            var end = ParseDay(to, "to", errors);
            if (errors.Count == 0 && (end < start || end.DayNumber - start.DayNumber >= AnalyticsReports.MaxPeriodDays))
            {
                errors["to"] = [$"'to' must be on or after 'from' and the period at most {AnalyticsReports.MaxPeriodDays} days."];
            }

            return errors.Count > 0
                ? Results.ValidationProblem(errors, detail: "The period needs correcting.")
                : Results.Ok(await reports.CompareAsync(start, end, cancellationToken));
        });
        api.MapGet("/annual-report/{year}", async (string year, string? format, AnalyticsReports reports, CancellationToken cancellationToken) =>
            AnnualReportExport.TryRead(year, format, out var startYear, out var kind) is { } errors
                ? Results.ValidationProblem(errors, detail: "The annual report request needs correcting.")
                : await AnnualReportExport.ResultAsync(reports, startYear, kind, cancellationToken));
        return app;
    }

    private static DateOnly ParseDay(string? value, string name, Dictionary<string, string[]> errors)
    {
        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return day;
        }

        errors[name] = [$"'{name}' must be a date written yyyy-MM-dd."];
        return default;
    }
}

/// <summary>Migrates the analytics tables before the writer starts.</summary>
internal sealed class AnalyticsStartup(IDbContextFactory<AnalyticsDbContext> contexts) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Database.MigrateExclusivelyAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
