using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SafeguardingSite.Content.Data;
using SafeguardingSite.Content.Published;
using SafeguardingSite.Platform.Data;

namespace SafeguardingSite.Content.Hosting;

/// <summary>Runs before the site takes requests: migrate the database, import starter content on first boot, load the snapshot.</summary>
public sealed class ContentStartup(IServiceProvider services, PublishedSnapshotService snapshots) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ContentDbContext>();
            await db.Database.MigrateExclusivelyAsync(cancellationToken);
            await db.Database.OpenConnectionAsync(cancellationToken);
            await ModuleDbContextRegistration.EnableSqliteWriteAheadLogAsync(db.Database.GetDbConnection(), cancellationToken);
            await db.Database.CloseConnectionAsync();

            foreach (var step in scope.ServiceProvider.GetServices<IContentStartupStep>())
            {
                await step.RunAsync(cancellationToken);
            }
        }

        await snapshots.RefreshAsync(cancellationToken: cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>Work that must happen after migration and before the first snapshot, such as the first-boot uSync import.</summary>
public interface IContentStartupStep
{
    Task RunAsync(CancellationToken cancellationToken);
}
