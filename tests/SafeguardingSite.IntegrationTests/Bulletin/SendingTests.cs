using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MimeKit;
using SafeguardingSite.Bulletin;
using SafeguardingSite.Bulletin.Model;
using SafeguardingSite.Platform.Data;
using SafeguardingSite.Platform.Mail;
using SafeguardingSite.Testing;
using SafeguardingSite.Testing.Smtp;

namespace SafeguardingSite.IntegrationTests.Bulletin;

/// <summary>Editions through Hangfire and MailKit to the SMTP sink: exactly once each, across failures and restarts.</summary>
public class SendingTests
{
    private static readonly TimeSpan SendWait = TimeSpan.FromSeconds(60);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task An_edition_reaches_every_subscriber_exactly_once_with_both_parts_and_one_click_headers(DatabaseProvider provider)
    {
        await using var site = await BulletinTestSite.StartAsync(provider);
        var subscribers = await site.AddSubscribersAsync(40);
        var edition = await site.CreateEditionAsync("December bulletin");

        var accepted = await site.Editor.PostAsync($"editions/{edition}/send", null);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        await site.WaitUntilSentAsync(edition, SendWait);

        var progress = await site.ProgressAsync(edition);
        Assert.Equal(40, (int)progress["sent"]!);
        Assert.Equal(0, (int)progress["pending"]!);
        var received = site.Sink.Messages.Where(m => m.Subject == "December bulletin").ToList();
        Assert.Equal(subscribers.Select(s => s.Email).Order(), received.SelectMany(m => m.EnvelopeTo).Order());
        var one = received[0].Message;
        Assert.Contains("Safer sleep week", one.TextBody, StringComparison.Ordinal);
        Assert.Contains("<h2", one.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("lang=\"en-GB\"", one.HtmlBody, StringComparison.Ordinal);
        Assert.StartsWith("<https://www.northdale-scp.example/bulletin/one-click-unsubscribe?token=", one.Headers["List-Unsubscribe"], StringComparison.Ordinal);
        Assert.Equal("List-Unsubscribe=One-Click", one.Headers["List-Unsubscribe-Post"]);

        Assert.Equal(HttpStatusCode.Conflict, (await site.Editor.PostAsync($"editions/{edition}/send", null)).StatusCode);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_send_stopped_half_way_resumes_on_a_new_host_without_duplicates(DatabaseProvider provider)
    {
        var gate = new StopAfter(7);
        await using var site = await BulletinTestSite.StartAsync(provider, host => host.WithServices(s => Decorate(s, gate)));
        var subscribers = await site.AddSubscribersAsync(25);
        var edition = await site.CreateEditionAsync("Interrupted bulletin");
        await site.Editor.PostAsync($"editions/{edition}/send", null);
        await gate.Reached.WaitAsync(SendWait);

        await site.StopHostAsync();
        Assert.Equal(7, site.Sink.Messages.Count(m => m.Subject == "Interrupted bulletin"));

        await site.StartHostAsync();
        await site.WaitUntilSentAsync(edition, SendWait);

        var received = site.Sink.Messages.Where(m => m.Subject == "Interrupted bulletin").SelectMany(m => m.EnvelopeTo).ToList();
        Assert.Equal(subscribers.Select(s => s.Email).Order(), received.Order());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_lapsed_claim_from_a_crashed_node_is_taken_over_once(DatabaseProvider provider)
    {
        await using var site = await BulletinTestSite.StartAsync(provider);
        var subscribers = await site.AddSubscribersAsync(3);
        var edition = await site.CreateEditionAsync("Crash bulletin", extra: new { kind = "monthly", title = "Crash bulletin" });
        await site.Editor.PostAsync($"editions/{edition}/send", null);
        await site.WaitUntilSentAsync(edition, SendWait);

        // A node died holding this row: sent by nobody, claimed until its lease runs out.
        await using (var db = site.Db())
        {
            await db.Deliveries.Where(d => d.SubscriberId == subscribers[0].Id).ExecuteUpdateAsync(s => s
                .SetProperty(d => d.Status, DeliveryStatus.Sending).SetProperty(d => d.LeaseOwner, Guid.NewGuid())
                .SetProperty(d => d.LeaseUntil, site.Site.Clock.GetUtcNow().UtcDateTime.AddMinutes(5)).SetProperty(d => d.SentAt, (DateTime?)null));
            await db.Editions.Where(e => e.Id == edition).ExecuteUpdateAsync(s => s.SetProperty(e => e.Status, EditionStatus.Sending));
        }

        await RunPumpAsync(site);
        Assert.Equal(3, site.Sink.Messages.Count(m => m.Subject == "Crash bulletin")); // lease still held: left alone

        site.Site.Clock.Advance(TimeSpan.FromMinutes(6));
        await RunPumpAsync(site);
        Assert.Equal(2, site.Sink.Messages.Count(m => m.Subject == "Crash bulletin" && m.EnvelopeTo.Contains(subscribers[0].Email)));
        Assert.Equal("Sent", (string?)(await site.ProgressAsync(edition))["status"]);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_deferral_is_retried_and_delivered_once_and_a_refusal_is_recorded_and_suppresses(DatabaseProvider provider)
    {
        await using var site = await BulletinTestSite.StartAsync(provider, host => host.WithSetting("Bulletin:SuppressAfterPermanentFailures", "1"));
        var subscribers = await site.AddSubscribersAsync(2);
        var edition = await site.CreateEditionAsync("Faulty bulletin");

        site.Sink.FailNext(SmtpVerb.EndOfData, 451);
        await site.Editor.PostAsync($"editions/{edition}/send", null);
        await site.WaitUntilSentAsync(edition, SendWait);
        Assert.Equal(subscribers.Select(s => s.Email).Order(),
            site.Sink.Messages.Where(m => m.Subject == "Faulty bulletin").SelectMany(m => m.EnvelopeTo).Order());

        var second = await site.CreateEditionAsync("Refused bulletin");
        site.Sink.FailNext(SmtpVerb.RcptTo, 550);
        await site.Editor.PostAsync($"editions/{second}/send", null);
        await site.WaitUntilSentAsync(second, SendWait);

        var progress = await site.ProgressAsync(second);
        Assert.Equal(1, (int)progress["sent"]!);
        Assert.Equal(1, (int)progress["failed"]!);
        await using var db = site.Db();
        var failed = await db.Deliveries.SingleAsync(d => d.EditionId == second && d.Status == DeliveryStatus.Failed);
        Assert.Contains("550", failed.LastError, StringComparison.Ordinal);
        Assert.Equal(SubscriberStatus.Suppressed, (await db.Subscribers.SingleAsync(s => s.Id == failed.SubscriberId)).Status);
        Assert.Single(await db.Events.Where(e => e.Kind == SubscriptionEventKind.Suppressed).ToListAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_safety_alert_jumps_the_queue_of_a_monthly_edition_and_the_rate_limit_holds(DatabaseProvider provider)
    {
        await using var site = await BulletinTestSite.StartAsync(provider, host => host.WithSetting("Bulletin:MessagesPerMinute", "6"));
        await site.AddSubscribersAsync(5);
        var monthly = await site.CreateEditionAsync("Monthly bulletin");
        var alert = await site.CreateEditionAsync("Recalled baby sling", kind: "safetyAlert");
        // Both fall due at the same moment; the alert must go first and the rate limit must hold.
        var at = site.Site.Clock.GetUtcNow().AddMinutes(1);
        Assert.Equal(HttpStatusCode.Accepted, (await site.Editor.PostAsJsonAsync($"editions/{monthly}/send", new { at })).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await site.Editor.PostAsJsonAsync($"editions/{alert}/send", new { at })).StatusCode);
        Assert.Equal("Scheduled", (string?)(await site.ProgressAsync(monthly))["status"]);

        site.Site.Clock.Advance(TimeSpan.FromMinutes(2));
        await RunPumpAsync(site);

        var order = site.Sink.Messages.Select(m => m.Subject).ToList();
        Assert.Equal([.. Enumerable.Repeat("Urgent safety alert: Recalled baby sling", 5), "Monthly bulletin"], order);
        Assert.Equal("Sent", (string?)(await site.ProgressAsync(alert))["status"]);
        Assert.Equal(4, (int)(await site.ProgressAsync(monthly))["pending"]!);

        site.Site.Clock.Advance(TimeSpan.FromMinutes(2));
        await RunPumpAsync(site);
        Assert.Equal("Sent", (string?)(await site.ProgressAsync(monthly))["status"]);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Per_second_and_per_hour_limits_hold_and_the_edition_carries_on_the_next_hour(DatabaseProvider provider)
    {
        await using var site = await BulletinTestSite.StartAsync(provider, host => host
            .WithSetting("Bulletin:MessagesPerSecond", "2").WithSetting("Bulletin:MessagesPerHour", "7"));
        var subscribers = await site.AddSubscribersAsync(9);
        var edition = await site.CreateEditionAsync("Paced bulletin");
        await site.Editor.PostAsync($"editions/{edition}/send", null);

        // The test clock stands still until moved, so the pump can only get past each full second if the test moves it on.
        await Eventually.HoldsAsync(async () =>
        {
            if ((int)(await site.ProgressAsync(edition))["sent"]! == 7)
            {
                return true;
            }

            await site.AdvanceWhenIdleAsync(TimeSpan.FromSeconds(1));
            return false;
        }, SendWait, "the hour's seven messages");

        await site.AdvanceWhenIdleAsync(TimeSpan.FromMinutes(30));
        await RunPumpAsync(site);
        var progress = await site.ProgressAsync(edition);
        Assert.Equal((7, 2, "Sending"), ((int)progress["sent"]!, (int)progress["pending"]!, (string?)progress["status"]));

        await site.AdvanceWhenIdleAsync(TimeSpan.FromMinutes(31));
        await RunPumpAsync(site);
        Assert.Equal("Sent", (string?)(await site.ProgressAsync(edition))["status"]);
        Assert.Equal(subscribers.Select(s => s.Email).Order(), site.Sink.Messages.Where(m => m.Subject == "Paced bulletin").SelectMany(m => m.EnvelopeTo).Order());

        await using var db = site.Db();
        var sentAt = await db.Deliveries.Where(d => d.EditionId == edition).Select(d => d.SentAt!.Value).ToListAsync();
        Assert.All(sentAt, start => Assert.True(sentAt.Count(t => t >= start && t < start.AddSeconds(1)) <= 2, $"more than 2 sent in the second from {start:O}"));
        Assert.True(sentAt.Max() - sentAt.Min() >= TimeSpan.FromHours(1), "the last two waited for the next hour");
    }

    [Fact]
    public void Negative_rate_limits_are_refused_by_name_and_empty_or_zero_means_no_limit()
    {
        var validator = new BulletinOptionsValidator();
        var refused = validator.Validate(null, new BulletinOptions { MessagesPerSecond = -1, MessagesPerMinute = 10, MessagesPerHour = -3 });
        Assert.True(refused.Failed);
        Assert.Equal(["Bulletin:MessagesPerSecond is -1; it must be 0 (no limit) or more.", "Bulletin:MessagesPerHour is -3; it must be 0 (no limit) or more."],
            refused.Failures);

        var unlimited = new BulletinOptions { MessagesPerSecond = 0, MessagesPerMinute = null, MessagesPerHour = 500 };
        Assert.True(validator.Validate(null, unlimited).Succeeded);
        Assert.Equal([new SendingRate(TimeSpan.FromHours(1), 500)], unlimited.SendingRates());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_archive_lists_a_sent_edition_and_shows_its_page(DatabaseProvider provider)
    {
        await using var site = await BulletinTestSite.StartAsync(provider);
        var edition = await site.CreateEditionAsync("Winter <b>safety</b> bulletin");
        Assert.Equal(HttpStatusCode.NotFound, (await site.Browser.GetAsync(new Uri("/e-bulletin/archive/winter-b-safety-b-bulletin/", UriKind.Relative))).StatusCode);

        await site.Editor.PostAsync($"editions/{edition}/send", null);
        var list = await site.Browser.GetStringAsync(new Uri("/e-bulletin/archive/", UriKind.Relative));
        Assert.Contains("href=\"/e-bulletin/archive/winter-b-safety-b-bulletin/\"", list, StringComparison.Ordinal);
        Assert.Contains("Winter &lt;b&gt;safety&lt;/b&gt; bulletin", list, StringComparison.Ordinal);
        Assert.Contains("data-quick-exit", list, StringComparison.Ordinal);

        var page = await site.Browser.GetStringAsync(new Uri("/e-bulletin/archive/winter-b-safety-b-bulletin/", UriKind.Relative));
        Assert.Contains("<h2>Safer sleep week</h2>", page, StringComparison.Ordinal);
        Assert.Contains("Recent editions", await site.BulletinPageAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_editions_api_refuses_hostile_input_with_problem_details(DatabaseProvider provider)
    {
        await using var site = await BulletinTestSite.StartAsync(provider);

        async Task AssertInvalid(HttpContent content, string field)
        {
            var response = await site.Editor.PostAsync("editions", content);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
            Assert.True(body["errors"]?[field] is not null, body.ToJsonString());
        }

        await AssertInvalid(JsonContent.Create(new { kind = "weekly", title = "x" }), "kind");
        await AssertInvalid(JsonContent.Create(new { kind = "monthly", title = new string('t', 300) }), "title");
        await AssertInvalid(JsonContent.Create(new { kind = "monthly", title = "x", slug = "'; drop table bulletin_editions; --" }), "slug");
        await AssertInvalid(JsonContent.Create(new { kind = "monthly", title = "x", items = new[] { new { heading = "h", linkUrl = "javascript:alert(1)" } } }), "items[0].linkUrl");
        await AssertInvalid(new StringContent("{\"kind\":\"monthly\",\"title\":42}", System.Text.Encoding.UTF8, "application/json"), "title");
        await AssertInvalid(new StringContent("{not json", System.Text.Encoding.UTF8, "application/json"), "body");
        await AssertInvalid(new StringContent("kind=monthly", System.Text.Encoding.UTF8, "text/plain"), "body");

        using var anonymous = site.Site.CreateClient();
        var refused = await anonymous.GetAsync(new Uri("/umbraco/management/api/v1/bulletin/editions", UriKind.Relative));
        Assert.True(refused.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Preview_and_test_send_go_to_the_one_address_given(DatabaseProvider provider)
    {
        await using var site = await BulletinTestSite.StartAsync(provider);
        await site.AddSubscribersAsync(3);
        var edition = await site.CreateEditionAsync("Preview bulletin");

        var preview = (await site.Editor.GetFromJsonAsync<JsonObject>($"editions/{edition}/preview"))!;
        Assert.Contains("<h1", (string?)preview["html"], StringComparison.Ordinal);
        Assert.Contains("Safer sleep week", (string?)preview["text"], StringComparison.Ordinal);

        var sent = await site.Editor.PostAsJsonAsync($"editions/{edition}/test", new { email = "editor@northdale-scp.example" });
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        var test = Assert.Single(site.Sink.Messages);
        Assert.Equal(["editor@northdale-scp.example"], test.EnvelopeTo);
        Assert.Equal("[Test] Preview bulletin", test.Subject);
        Assert.Equal("Draft", (string?)(await site.ProgressAsync(edition))["status"]);
        Assert.Equal(HttpStatusCode.BadRequest, (await site.Editor.PostAsJsonAsync($"editions/{edition}/test", new { email = "a@b.example, c@d.example" })).StatusCode);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Editors_manage_the_service_area_list_and_a_segment_gets_only_its_edition(DatabaseProvider provider)
    {
        await using var site = await BulletinTestSite.StartAsync(provider);
        var areas = (await site.Editor.GetFromJsonAsync<JsonArray>("lists/service-areas"))!;
        Assert.Equal(13, areas.Count);
        Assert.Equal("Education", (string?)areas[0]!["name"]);
        var added = await site.Editor.PostAsJsonAsync("lists/service-areas", new { name = "Sport and leisure" });
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await site.Editor.PostAsJsonAsync("lists/service-areas", new { name = "sport and leisure" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await site.Editor.GetAsync("lists/colours")).StatusCode);

        var health = await site.ChoiceIdAsync(ChoiceKind.ServiceArea, "Health");
        var readers = await site.AddSubscribersAsync(2);
        await using (var db = site.Db())
        {
            await db.Subscribers.Where(s => s.Id == readers[0].Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.ServiceAreaId, health));
        }

        var edition = await site.CreateEditionAsync("Health special", extra: new { kind = "special", title = "Health special", targetServiceAreaIds = new[] { health } });
        await site.Editor.PostAsync($"editions/{edition}/send", null);
        await site.WaitUntilSentAsync(edition, SendWait);
        Assert.Equal([readers[0].Email], site.Sink.Messages.Where(m => m.Subject == "Health special").SelectMany(m => m.EnvelopeTo));
    }

    /// <summary>One run of the send job, as Hangfire's minutely trigger makes it, awaited by the test.</summary>
    private static async Task RunPumpAsync(BulletinTestSite site)
    {
        await using var scope = site.Site.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<SafeguardingSite.Bulletin.Sending.DeliveryPump>().RunAsync(CancellationToken.None);
    }

    private static void Decorate(IServiceCollection services, StopAfter gate)
    {
        services.RemoveAll<IMailSender>();
        services.AddSingleton<IMailSender>(sp => new StoppingSender(
            ActivatorUtilities.CreateInstance<MailKitMailSender>(sp, TimeProvider.System), gate));
    }

    /// <summary>Lets <c>count</c> messages through, then hangs like a stuck connection until the host shuts down.</summary>
    private sealed class StopAfter(int count)
    {
        private readonly TaskCompletionSource reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int sent;

        public Task Reached => reached.Task;

        public bool TryPass()
        {
            if (Interlocked.Increment(ref sent) <= count)
            {
                return true;
            }

            reached.TrySetResult();
            return false;
        }
    }

    private sealed class StoppingSender(MailKitMailSender inner, StopAfter gate) : IMailSender, IDisposable
    {
        public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken = default)
        {
            if (!gate.TryPass())
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }

            await inner.SendAsync(message, cancellationToken);
        }

        public void Dispose() => inner.Dispose();
    }
}
