using Hangfire;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SafeguardingSite.Bulletin.Api;
using SafeguardingSite.Bulletin.BackOffice;
using SafeguardingSite.Bulletin.Bounces;
using SafeguardingSite.Bulletin.Reports;
using SafeguardingSite.Bulletin.Subscribers;
using SafeguardingSite.Bulletin.Tracking;
using SafeguardingSite.Bulletin.Data;
using SafeguardingSite.Bulletin.Editions;
using SafeguardingSite.Bulletin.Sending;
using SafeguardingSite.Bulletin.Subscriptions;
using SafeguardingSite.Platform.Data;
using SafeguardingSite.Platform.Mail;

namespace SafeguardingSite.Bulletin;

/// <summary>The e-bulletin: subscriptions with double opt-in, editions, and sending through Hangfire.</summary>
public static class BulletinRegistration
{
    public static IServiceCollection AddBulletin(this IServiceCollection services, IConfiguration configuration, DatabaseOptions database)
    {
        services.AddOptions<BulletinOptions>().Bind(configuration.GetSection(BulletinOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<BulletinOptions>, BulletinOptionsValidator>();
        services.AddModuleDbContext<BulletinDbContext, SqliteBulletinDbContext, PostgresBulletinDbContext>(database, BulletinDbContext.MigrationsHistoryTable);
        services.AddDataProtection();
        services.AddSingleton<SubscriptionTokens>();
        services.AddSingleton<BulletinLists>();
        services.AddSingleton<BulletinLinks>();
        services.AddSingleton<BulletinMessages>();
        services.AddScoped<SubscriptionService>();
        services.AddScoped<EditionService>();
        services.AddScoped<DeliveryPump>();
        services.AddScoped<SubscriptionMailJob>();
        services.AddSingleton<SuppressionList>();
        services.AddSingleton<SubscriberDirectory>();
        services.AddSingleton<SubscriberImport>();
        services.AddSingleton<BounceReports>();
        services.AddSingleton<TrackingLinks>();
        services.AddSingleton<TrackingRecorder>();
        services.AddSingleton<BulletinReports>();
        services.AddHostedService<BulletinStartup>();
        services.AddBulletinBackOffice();
        services.Configure<RouteOptions>(o => o.ConstraintMap[BulletinSectionConstraint.Name] = typeof(BulletinSectionConstraint));
        return services;
    }

    public static WebApplication MapBulletin(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapBulletinApi();
        app.MapBulletinBackOffice();
        app.MapBulletinPublicEndpoints();

        // RFC 8058: a mail client posts "List-Unsubscribe=One-Click" with no cookies, no page and no antiforgery token.
        app.MapPost(BulletinLinks.OneClickPath, async (HttpRequest request, SubscriptionTokens tokens, SubscriptionService subscriptions, CancellationToken ct) =>
        {
            if (tokens.ReadManage(request.Query["token"]) is not { } id)
            {
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid link", detail: "This unsubscribe link is not valid.");
            }

            var origin = new RequestOrigin(BulletinLinks.OneClickPath, subscriptions.HashIp(request.HttpContext.Connection.RemoteIpAddress?.ToString()));
            return await subscriptions.UnsubscribeAsync(id, origin, "one-click", ct)
                ? Results.Text("You have been unsubscribed.", "text/plain; charset=utf-8")
                : Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid link", detail: "This unsubscribe link is not valid.");
        }).DisableAntiforgery();

        app.Services.GetRequiredService<IRecurringJobManager>()
            .AddOrUpdate<DeliveryPump>(DeliveryPump.RecurringJobId, p => p.RunAsync(CancellationToken.None), Cron.Minutely());

        // Pick up a send a restart interrupted without waiting for the next minute.
        app.Services.GetRequiredService<IBackgroundJobClient>().Enqueue<DeliveryPump>(p => p.RunAsync(CancellationToken.None));
        return app;
    }
}

/// <summary>Migrates the bulletin's tables and seeds the managed lists before the site takes requests.</summary>
internal sealed class BulletinStartup(IServiceProvider services) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BulletinDbContext>();
        await db.Database.MigrateExclusivelyAsync(cancellationToken);
        await scope.ServiceProvider.GetRequiredService<BulletinLists>().SeedAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
