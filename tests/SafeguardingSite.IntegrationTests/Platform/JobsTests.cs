using System.Net;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using SafeguardingSite.Content.Model;
using SafeguardingSite.Content.Published;
using SafeguardingSite.Content.Scheduling;
using SafeguardingSite.Content.Services;
using SafeguardingSite.IntegrationTests.Content;
using SafeguardingSite.IntegrationTests.Scaling;
using SafeguardingSite.Platform.Data;
using SafeguardingSite.Testing;

namespace SafeguardingSite.IntegrationTests.Platform;

/// <summary>Hangfire as the site runs it: the dashboard's gate and the scheduled-publishing job through Hangfire's own queue.</summary>
public class JobsTests
{
    private static readonly TimeSpan JobPickUp = TimeSpan.FromSeconds(20);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_jobs_dashboard_refuses_anonymous_visitors(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        using var site = new SiteHost(database, importDemoContent: false);
        using var client = site.CreateClient();

        foreach (var path in new[] { "/umbraco/jobs", "/umbraco/jobs/recurring", "/umbraco/jobs/stats" })
        {
            using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
            Assert.True(response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden, $"{path} answered {(int)response.StatusCode}");
            Assert.DoesNotContain("Background jobs", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_scheduled_page_is_published_when_Hangfire_runs_the_recurring_job(DatabaseProvider provider)
    {
        await using var context = await ContentTestContext.StartAsync(provider);
        var key = await context.CreatePageAsync("Summer safety", publish: false);
        var publishAt = context.Site.Clock.GetUtcNow().UtcDateTime.AddMinutes(30);
        await context.Content.ScheduleAsync(key, publishAt, null, TestSchema.User);
        var recurring = context.Site.Services.GetRequiredService<IRecurringJobManager>();

        recurring.Trigger(ScheduledPublishingJob.RecurringJobId);
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Null(context.Snapshot.Find(key)); // not due yet by the site's clock

        context.Site.Clock.Advance(TimeSpan.FromMinutes(31));
        recurring.Trigger(ScheduledPublishingJob.RecurringJobId);

        await Eventually.HoldsAsync(() => context.Snapshot.Find(key) is not null, JobPickUp, "the recurring job to publish the page");
        Assert.Null((await context.Content.GetAsync(key))!.Node.PublishAt);
        Assert.Single(await PublishAuditAsync(context.Content, key), a => a.User == "scheduler");
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_page_that_fell_due_while_the_site_was_down_is_published_on_start(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        Guid key;
        using (var before = new SiteHost(database, importDemoContent: false))
        {
            _ = before.Server;
            await TestSchema.DefineAsync(before.Services);
            var content = before.Services.GetRequiredService<ContentService>();
            var home = await content.CreateAsync(new CreateContent(null, "home", "Home", new() { ["heroTitle"] = "Welcome" }), TestSchema.User);
            await content.PublishAsync(home.Node.Key, TestSchema.User);
            key = (await content.CreateAsync(new CreateContent(home.Node.Key, "contentPage", "Holiday clubs"), TestSchema.User)).Node.Key;
            await content.ScheduleAsync(key, before.Clock.GetUtcNow().UtcDateTime.AddHours(1), null, TestSchema.User);
        }

        using var after = new SiteHost(database, importDemoContent: false);
        after.Clock.Advance(TimeSpan.FromHours(2)); // the site was off while the hour passed
        _ = after.Server;

        var snapshots = after.Services.GetRequiredService<IPublishedSnapshotAccessor>();
        await Eventually.HoldsAsync(() => snapshots.Current.FindByRoute("/holiday-clubs/")?.Key == key, JobPickUp, "the start-up run to publish the overdue page");
        Assert.Single(await PublishAuditAsync(after.Services.GetRequiredService<ContentService>(), key));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Two_nodes_running_the_schedule_at_once_publish_each_page_exactly_once(DatabaseProvider provider)
    {
        await using var site = await TwoNodeSite.StartAsync(provider);
        var due = site.A.Clock.GetUtcNow().UtcDateTime.AddMinutes(10);
        var keys = new List<Guid>();
        for (var i = 1; i <= 8; i++)
        {
            var key = await site.CreatePageAsync(site.A, $"Course {i}", publish: false);
            await TwoNodeSite.ContentOn(site.A).ScheduleAsync(key, due, null, TestSchema.User);
            keys.Add(key);
        }

        site.A.Clock.Advance(TimeSpan.FromMinutes(15));
        site.B.Clock.Advance(TimeSpan.FromMinutes(15));

        // Both nodes' job servers through Hangfire, and the job class called directly on both at the same moment,
        // which bypasses Hangfire's distributed lock and leaves only the content service's transaction to keep it single.
        site.A.Services.GetRequiredService<IRecurringJobManager>().Trigger(ScheduledPublishingJob.RecurringJobId);
        site.B.Services.GetRequiredService<IRecurringJobManager>().Trigger(ScheduledPublishingJob.RecurringJobId);
        await Task.WhenAll(Enumerable.Range(0, 3).SelectMany(_ => new[] { site.A, site.B })
            .Select(node => Task.Run(() => node.Services.GetRequiredService<ScheduledPublishingJob>().RunAsync(CancellationToken.None))));

        foreach (var node in new[] { site.A, site.B })
        {
            var snapshots = node.Services.GetRequiredService<IPublishedSnapshotAccessor>();
            await Eventually.HoldsAsync(() => keys.All(k => snapshots.Current.Find(k) is not null), JobPickUp, "every scheduled page on both nodes");
        }

        await Task.Delay(TimeSpan.FromSeconds(2)); // let the Hangfire-triggered runs finish too
        foreach (var key in keys)
        {
            Assert.Single(await PublishAuditAsync(TwoNodeSite.ContentOn(site.B), key));
        }
    }

    private static async Task<List<AuditEntry>> PublishAuditAsync(ContentService content, Guid key) =>
        (await content.GetAuditAsync(key, 0, 100)).Where(a => a.Action == "Published").ToList();
}
