using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SafeguardingSite.Content.Hosting;

namespace SafeguardingSite.Content.USync;

/// <summary>
/// On a database that has never been imported into, imports the uSync folder before the site takes requests, so a
/// fresh install starts with the schema and starter content. Later boots leave the database alone: editors own it.
/// </summary>
public sealed class USyncFirstBootImport(
    USyncImporter importer,
    USyncLocation location,
    IOptions<ContentOptions> options,
    ILogger<USyncFirstBootImport> logger) : IContentStartupStep
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.ImportUSyncOnFirstBoot)
        {
            return;
        }

        var report = await importer.ImportOnFirstBootAsync(location.Root, cancellationToken);
        if (report is null)
        {
            logger.LogDebug("uSync first-boot import skipped: this database was imported into before");
        }
    }
}
