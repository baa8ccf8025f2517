using Hangfire;
using Microsoft.Extensions.Logging;
using SafeguardingSite.Content.Services;

namespace SafeguardingSite.Content.Scheduling;

/// <summary>
/// The Hangfire job behind scheduled publish and expiry. It runs every minute and once at start-up, so anything that
/// fell due while the site was down is published on the next start.
/// </summary>
public sealed class ScheduledPublishingJob(ContentService content, ILogger<ScheduledPublishingJob> logger)
{
    public const string RecurringJobId = "content-scheduled-publishing";

    [DisableConcurrentExecution(timeoutInSeconds: 120)]
    [AutomaticRetry(Attempts = 3)]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var (published, expired) = await content.RunScheduleAsync(cancellationToken);
        if (published + expired > 0)
        {
            logger.LogInformation("Scheduled publishing: {Published} published, {Expired} expired", published, expired);
        }
    }
}
