using Hangfire;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SafeguardingSite.BackOffice.Extensibility;
using SafeguardingSite.BackOffice.Identity;
using SafeguardingSite.Learning.Accounts;
using SafeguardingSite.Learning.Bookings;
using SafeguardingSite.Learning.Calendar;
using SafeguardingSite.Learning.Catalogue;
using SafeguardingSite.Learning.Charging;
using SafeguardingSite.Learning.Data;
using SafeguardingSite.Learning.ELearning;
using SafeguardingSite.Learning.Reports;
using SafeguardingSite.Learning.Evaluation;
using SafeguardingSite.Learning.Jobs;
using SafeguardingSite.Learning.Mail;
using SafeguardingSite.Platform.Contracts;
using SafeguardingSite.Platform.Data;

namespace SafeguardingSite.Learning;

/// <summary>Training: the course catalogue, learner accounts, booking with waiting lists, reminders.</summary>
public static class LearningRegistration
{
    public const string SectionSlug = "training";

    public static IServiceCollection AddLearning(this IServiceCollection services, IConfiguration configuration, DatabaseOptions database)
    {
        services.Configure<LearningOptions>(configuration.GetSection(LearningOptions.SectionName));
        services.AddModuleDbContext<LearningDbContext, SqliteLearningDbContext, PostgresLearningDbContext>(database, LearningDbContext.MigrationsHistoryTable);
        services.AddBackOfficeSection(new BackOfficeSection(SectionSlug, "Training", "Courses, sessions, organisations and bookings.", BackOfficePermission.TrainingManage, 40));
        services.AddDataProtection();
        services.AddSingleton<LearningLinks>();
        services.AddSingleton<SessionCalendar>();
        services.AddSingleton<LearningMessages>();
        services.AddSingleton<ILearningMailQueue, HangfireLearningMailQueue>();
        services.AddScoped<BookingService>();
        services.AddScoped<LearnerAccountService>();
        services.AddScoped<CatalogueService>();
        services.AddScoped<TrainingAdminService>();
        services.AddScoped<LearningMailJob>();
        services.AddScoped<BookingReminderJob>();
        services.AddScoped<OfferExpiryJob>();
        services.AddScoped<IUpcomingTrainingSource, UpcomingTrainingSource>();
        services.AddScoped<ELearningAdminService>();
        services.AddScoped<ELearningService>();
        services.AddTrainingReports();
        services.AddAuthentication().AddCookie(LearnerAuthentication.Scheme, cookie =>
        {
            cookie.Cookie.Name = LearnerAuthentication.CookieName;
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            cookie.Cookie.Path = LearningLinks.ListingPath;
            cookie.LoginPath = LearningLinks.SignInPath;
            cookie.AccessDeniedPath = LearningLinks.SignInPath;
            cookie.SlidingExpiration = true;
            cookie.ExpireTimeSpan = configuration.GetSection(LearningOptions.SectionName).Get<LearningOptions>()?.SignInLifetime ?? new LearningOptions().SignInLifetime;
        });
        services.AddHostedService<LearningStartup>();
        services.AddLearningCharging();
        services.AddLearningEvaluation(configuration);
        return services;
    }

    public static WebApplication MapLearning(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var jobs = app.Services.GetRequiredService<IRecurringJobManager>();
        jobs.AddOrUpdate<BookingReminderJob>(BookingReminderJob.RecurringJobId, j => j.RunAsync(CancellationToken.None), Cron.Hourly());
        jobs.AddOrUpdate<OfferExpiryJob>(OfferExpiryJob.RecurringJobId, j => j.RunAsync(CancellationToken.None), "*/5 * * * *");
        app.MapLearningCharging();
        app.MapLearningEvaluation();
        return app;
    }
}

/// <summary>Migrates the learning tables before the site takes requests.</summary>
internal sealed class LearningStartup(IServiceProvider services) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<LearningDbContext>().Database.MigrateExclusivelyAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
