using Hangfire;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SafeguardingSite.BackOffice.Extensibility;
using SafeguardingSite.BackOffice.Identity;
using SafeguardingSite.Learning.Cancellation;
using SafeguardingSite.Learning.Registers;

namespace SafeguardingSite.Learning.Charging;

/// <summary>Non-attendance charging, trainers' registers and learners' own cancellations, inside the learning module.</summary>
public static class ChargingRegistration
{
    public const string Slug = "charges";
    public const string RegistersSlug = "registers";

    /// <summary>Call after the learning context is registered; the seeding runs after the learning migrations.</summary>
    public static IServiceCollection AddLearningCharging(this IServiceCollection services)
    {
        services.AddSingleton<BankHolidayCalendar>();
        services.AddSingleton<ChargingPolicyService>();
        services.AddSingleton<ChargeLedger>();
        services.AddScoped<ChargeNotifier>();
        services.AddScoped<RegisterService>();
        services.AddScoped<CancellationService>();
        services.AddSingleton<BookingLinks>();
        services.AddDataProtection();
        services.AddBackOfficeSection(new BackOfficeSection(Slug, "Charges", "Non-attendance charges, invoices, the charging policy and bank holidays.", BackOfficePermission.TrainingManage, 45));
        services.AddBackOfficeSection(new BackOfficeSection(RegistersSlug, "Registers", "Take the register for the sessions you deliver.", BackOfficePermission.TrainingDeliver, 46));
        services.AddHostedService<ChargingStartup>();

        return services;
    }

    public static WebApplication MapLearningCharging(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);

        // A safety net: a notification whose job was lost (a crash between commit and enqueue) goes out on the next sweep.
        app.Services.GetRequiredService<IRecurringJobManager>()
            .AddOrUpdate<ChargeNotifier>(ChargeNotifier.SweepJobId, n => n.NotifyPendingAsync(CancellationToken.None), "*/10 * * * *");
        return app;
    }
}

/// <summary>Seeds the shipped bank holidays and the first charging policy once the learning tables exist.</summary>
internal sealed class ChargingStartup(BankHolidayCalendar holidays, ChargingPolicyService policies) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await holidays.SeedAsync(cancellationToken);
        await policies.SeedAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
