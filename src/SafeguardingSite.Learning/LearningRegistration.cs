using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SafeguardingSite.BackOffice.Extensibility;
using SafeguardingSite.BackOffice.Identity;
using SafeguardingSite.Learning.Charging;
using SafeguardingSite.Learning.Data;
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
        services.AddHostedService<LearningStartup>();
        services.AddLearningCharging();
        return services;
    }

    public static WebApplication MapLearning(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapLearningCharging();
        return app;
    }
}

/// <summary>Migrates the learning tables before the site takes requests.</summary>
internal sealed class LearningStartup(IServiceProvider services) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<LearningDbContext>().Database.MigrateAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
