using Hangfire;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SafeguardingSite.Learning.Certificates;

namespace SafeguardingSite.Learning.Evaluation;

/// <summary>Evaluation questionnaires, their invitations and reports, and certificates, inside the learning module.</summary>
public static class EvaluationRegistration
{
    /// <summary>Call after the learning context is registered; the default questionnaires are seeded after its migrations.</summary>
    public static IServiceCollection AddLearningEvaluation(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<EvaluationOptions>(configuration.GetSection(EvaluationOptions.SectionName));
        services.AddSingleton<EvaluationLinks>();
        services.AddSingleton<EvaluationMessages>();
        services.AddSingleton<QuestionnaireService>();
        services.AddSingleton<CertificateService>();
        services.AddSingleton<VerificationLimiter>();
        services.AddScoped<EvaluationService>();
        services.AddScoped<EvaluationReportService>();
        services.AddScoped<EvaluationInvitationJob>();
        services.AddHostedService<EvaluationStartup>();
        return services;
    }

    public static WebApplication MapLearningEvaluation(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Services.GetRequiredService<IRecurringJobManager>()
            .AddOrUpdate<EvaluationInvitationJob>(EvaluationInvitationJob.RecurringJobId, j => j.RunAsync(CancellationToken.None), Cron.Hourly());
        return app;
    }
}

/// <summary>Seeds the default questionnaires once the learning tables exist.</summary>
internal sealed class EvaluationStartup(QuestionnaireService questionnaires) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => questionnaires.SeedDefaultsAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
