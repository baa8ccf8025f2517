using System.Collections.Concurrent;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SafeguardingSite.Bulletin.Editions;
using SafeguardingSite.Bulletin.Sending;
using SafeguardingSite.Bulletin.Model;
using SafeguardingSite.Platform.Data;
using SafeguardingSite.Testing;

namespace SafeguardingSite.IntegrationTests.Bulletin;

/// <summary>
/// Whole editions against an SMTP server that misbehaves: thousands of recipients, some deferred, some refused for good,
/// a host stopped part-way, and a relay that refuses most mail. Throttles are set high and retry waits short so the
/// runs stay quick; what is under test is who gets how many copies.
/// </summary>
public class LargeSendTests
{
    private static readonly TimeSpan SendWait = TimeSpan.FromMinutes(5);

    private static void FastSending(SiteHost host) => _ = host
        .WithSetting("Mail:RetryDelay", "00:00:00.001")
        .WithSetting("Bulletin:MessagesPerMinute", "1000000")
        .WithSetting("Bulletin:SuppressAfterPermanentFailures", "1");

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task An_edition_to_5000_with_deferrals_and_refusals_reaches_every_good_address_once_and_suppresses_the_refused(DatabaseProvider provider)
    {
        await using var site = await BulletinTestSite.StartAsync(provider, FastSending);
        var subscribers = await site.AddSubscribersAsync(5000);
        // Every 97th address is refused for good; every 41st is deferred (4xx) six times, more than one send's own retries,
        // so the pump has to put it back and try again later.
        var refused = subscribers.Where((_, i) => i % 97 == 5).Select(s => s.Email).ToHashSet();
        var deferred = subscribers.Where((_, i) => i % 41 == 3).Select(s => s.Email).Except(refused).ToHashSet();
        var deferrals = new ConcurrentDictionary<string, int>();
        site.Sink.RefuseRecipients(address =>
            refused.Contains(address) ? 550
            : deferred.Contains(address) && deferrals.AddOrUpdate(address, 1, (_, n) => n + 1) <= 6 ? 451
            : null);
        var edition = await site.CreateEditionAsync("Big bulletin");

        Assert.Equal(HttpStatusCode.Accepted, (await site.Editor.PostAsync($"editions/{edition}/send", null)).StatusCode);
        await site.WaitUntilSentAsync(edition, SendWait);

        var received = site.Sink.Messages.Where(m => m.Subject == "Big bulletin").SelectMany(m => m.EnvelopeTo).ToList();
        var good = subscribers.Select(s => s.Email).Except(refused).Order().ToList();
        Assert.Equal(good, received.Order().ToList());
        Assert.All(deferred, address => Assert.True(deferrals[address] > 4, address));

        var progress = await site.ProgressAsync(edition);
        Assert.Equal(good.Count, (int)progress["sent"]!);
        Assert.Equal(refused.Count, (int)progress["failed"]!);
        await using var db = site.Db();
        var suppressedEmails = await db.Subscribers.Where(s => s.Status == SubscriberStatus.Suppressed).Select(s => s.Email).ToListAsync();
        Assert.Equal(refused.Order(), suppressedEmails.Order());
        Assert.Equal(refused.Count, await db.Suppressions.CountAsync(s => s.Reason == SuppressionReason.HardBounce));

        // The next edition does not even address the suppressed: its recipients are fixed when it starts, so once it is
        // under way the total says it all and the rest of the send (another five thousand messages) proves nothing more.
        var next = await site.CreateEditionAsync("Next bulletin");
        await site.Editor.PostAsync($"editions/{next}/send", null);
        await Eventually.HoldsAsync(async () => (int)(await site.ProgressAsync(next))["total"]! > 0, SendWait, "the next edition to start");
        Assert.Equal(good.Count, (int)(await site.ProgressAsync(next))["total"]!);
        await using var scope = site.Site.Services.CreateAsyncScope();
        Assert.True(await scope.ServiceProvider.GetRequiredService<EditionService>().CancelAsync(next, CancellationToken.None));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Stopping_the_host_mid_edition_and_starting_again_loses_no_one_and_repeats_at_most_the_message_in_flight(DatabaseProvider provider)
    {
        await using var site = await BulletinTestSite.StartAsync(provider, FastSending);
        var subscribers = await site.AddSubscribersAsync(1500);
        var edition = await site.CreateEditionAsync("Restarted bulletin");
        await site.Editor.PostAsync($"editions/{edition}/send", null);
        await Eventually.HoldsAsync(() => site.Sink.Messages.Count >= 300, SendWait, "300 messages to arrive");

        // A deploy in the middle of the send: the host goes while the pump is working flat out.
        await site.StopHostAsync();
        var beforeRestart = site.Sink.Messages.Count(m => m.Subject == "Restarted bulletin");
        Assert.InRange(beforeRestart, 300, subscribers.Count - 1);

        await site.StartHostAsync(FastSending);
        await site.WaitUntilSentAsync(edition, SendWait);

        var copies = site.Sink.Messages.Where(m => m.Subject == "Restarted bulletin").SelectMany(m => m.EnvelopeTo)
            .GroupBy(a => a).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(subscribers.Select(s => s.Email).Order(), copies.Keys.Order());
        Assert.InRange(copies.Values.Sum(n => n - 1), 0, 1);
        Assert.Equal(subscribers.Count, (int)(await site.ProgressAsync(edition))["sent"]!);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task An_edition_pauses_itself_when_failures_pass_the_threshold(DatabaseProvider provider)
    {
        await using var site = await BulletinTestSite.StartAsync(provider, host => FastSending(host
            .WithSetting("Bulletin:BatchSize", "20")
            .WithSetting("Bulletin:AutoPauseMinimumAttempts", "40")
            .WithSetting("Bulletin:AutoPauseFailureRate", "0.25")));
        var subscribers = await site.AddSubscribersAsync(400);
        // A relay that has started refusing half of everything.
        var refused = subscribers.Where((_, i) => i % 2 == 0).Select(s => s.Email).ToHashSet();
        site.Sink.RefuseRecipients(address => refused.Contains(address) ? 554 : null);
        var edition = await site.CreateEditionAsync("Doomed bulletin");
        await site.Editor.PostAsync($"editions/{edition}/send", null);

        await Eventually.HoldsAsync(async () => (string?)(await site.ProgressAsync(edition))["status"] == "Paused", SendWait, "the edition to pause");
        var progress = await site.ProgressAsync(edition);
        Assert.InRange((int)progress["sent"]! + (int)progress["failed"]!, 40, 100);
        Assert.True((int)progress["pending"]! >= 300, progress.ToJsonString());

        // Paused means paused: later runs of the pump claim nothing from it.
        var sentSoFar = site.Sink.Messages.Count;
        await using (var scope = site.Site.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DeliveryPump>().RunAsync(CancellationToken.None);
        }

        Assert.Equal(sentSoFar, site.Sink.Messages.Count);
        Assert.Equal("Paused", (string?)(await site.ProgressAsync(edition))["status"]);
    }
}
