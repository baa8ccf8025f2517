using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MimeKit;
using SafeguardingSite.Bulletin.Model;
using SafeguardingSite.Platform.Data;
using SafeguardingSite.Platform.Mail;
using SafeguardingSite.Testing;

namespace SafeguardingSite.IntegrationTests.Bulletin;

/// <summary>Sending from the back office: segments, double submits, pause, resume, cancel, and alerts overtaking.</summary>
public class EditionSendingTests
{
    private static readonly TimeSpan SendWait = TimeSpan.FromSeconds(60);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_segment_gets_the_edition_once_however_often_send_is_pressed_and_it_appears_in_the_archive(DatabaseProvider provider)
    {
        await using var site = await EditionTestSite.StartAsync(provider);
        var health = await site.Bulletin.ChoiceIdAsync(ChoiceKind.ServiceArea, "Health");
        var police = await site.Bulletin.ChoiceIdAsync(ChoiceKind.ServiceArea, "Police");
        var readers = await site.Bulletin.AddSubscribersAsync(4);
        await using (var db = site.Bulletin.Db())
        {
            await db.Subscribers.Where(s => s.Id == readers[0].Id || s.Id == readers[1].Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.ServiceAreaId, health));
            await db.Subscribers.Where(s => s.Id == readers[2].Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.ServiceAreaId, police));
        }

        var id = await site.SaveArticleAsync("Health practitioners update", kind: "special");
        var preview = await site.Editor.GetPageAsync($"/umbraco/bulletin/editions/{id}/preview");
        var token = BackOffice.BrowserClient.TokenIn(preview);
        FormUrlEncodedContent SendNow() => new([new("__RequestVerificationToken", token), new("When", "now"), new("ServiceAreas", health.ToString(System.Globalization.CultureInfo.InvariantCulture))]);

        // Two clicks of "send now" arriving together: one starts the send, the other only reports it.
        var clicks = await Task.WhenAll(site.Editor.Http.PostAsync($"/umbraco/bulletin/editions/{id}/send", SendNow()), site.Editor.Http.PostAsync($"/umbraco/bulletin/editions/{id}/send", SendNow()));
        Assert.All(clicks, c => Assert.Equal(HttpStatusCode.Redirect, c.StatusCode));
        Assert.Equal(HttpStatusCode.Redirect, (await site.Editor.Http.PostAsync($"/umbraco/bulletin/editions/{id}/send", SendNow())).StatusCode);
        await site.Bulletin.WaitUntilSentAsync(id, SendWait);

        Assert.Equal([readers[0].Email, readers[1].Email], site.Bulletin.Sink.Messages.Where(m => m.Subject == "Health practitioners update").SelectMany(m => m.EnvelopeTo).Order());
        Assert.Equal(new Dictionary<DeliveryStatus, int> { [DeliveryStatus.Sent] = 2 }, await site.DeliveriesAsync(id));

        var progress = await site.Editor.GetPageAsync($"/umbraco/bulletin/editions/{id}/progress");
        Assert.Contains("<dd data-field=\"sent\">2</dd>", progress, StringComparison.Ordinal);
        Assert.Contains("href=\"/e-bulletin/archive/health-practitioners-update/\"", progress, StringComparison.Ordinal);
        var archive = await site.Bulletin.Browser.GetStringAsync(new Uri("/e-bulletin/archive/health-practitioners-update/", UriKind.Relative));
        Assert.Contains("<h2>Safer sleep week</h2>", archive, StringComparison.Ordinal);
        Assert.Contains("<strong>practitioners</strong>", archive, StringComparison.Ordinal);

        // A bad audience or time is refused beside its field and nothing is sent.
        var other = await site.SaveArticleAsync("Bad audience");
        var refused = await site.Editor.SubmitAsync($"/umbraco/bulletin/editions/{other}/preview", $"/umbraco/bulletin/editions/{other}/send",
            new() { ["When"] = "schedule", ["Date"] = "2026-13-45", ["Time"] = "25:00" }, [new("ServiceAreas", "999999"), new("Topics", "x' OR 1=1")]);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var page = await refused.Content.ReadAsStringAsync();
        Assert.Contains("id=\"field-serviceareas-error\"", page, StringComparison.Ordinal);
        Assert.Contains("id=\"field-topics-error\"", page, StringComparison.Ordinal);
        Assert.Contains("id=\"field-date-error\"", page, StringComparison.Ordinal);
        Assert.Equal(EditionStatus.Draft, await site.StatusAsync(other));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_scheduled_edition_shows_its_uk_time_and_goes_out_when_due(DatabaseProvider provider)
    {
        await using var site = await EditionTestSite.StartAsync(provider);
        await site.Bulletin.AddSubscribersAsync(2);
        var id = await site.SaveArticleAsync("Scheduled for summer time");
        // 1 June is British Summer Time: 09:30 in the UK is 08:30 UTC.
        var scheduled = await site.Editor.SubmitAsync($"/umbraco/bulletin/editions/{id}/preview", $"/umbraco/bulletin/editions/{id}/send",
            new() { ["When"] = "schedule", ["Date"] = "2027-06-01", ["Time"] = "09:30" });
        Assert.Equal(HttpStatusCode.Redirect, scheduled.StatusCode);
        await using (var db = site.Bulletin.Db())
        {
            Assert.Equal(new DateTime(2027, 6, 1, 8, 30, 0, DateTimeKind.Utc), (await db.Editions.SingleAsync(e => e.Id == id)).ScheduledFor);
        }

        Assert.Contains("Due Tuesday 1 June 2027, 09:30", await site.Editor.GetPageAsync("/umbraco/bulletin?status=scheduled"), StringComparison.Ordinal);
        site.Site.Clock.SetUtcNow(new DateTimeOffset(2027, 6, 1, 8, 31, 0, TimeSpan.Zero));
        await site.RunPumpAsync();
        Assert.Equal(EditionStatus.Sent, await site.StatusAsync(id));
        Assert.Equal(2, site.Bulletin.Sink.Messages.Count(m => m.Subject == "Scheduled for summer time"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Pause_stops_the_workers_and_resume_finishes_with_nobody_sent_twice(DatabaseProvider provider)
    {
        await using var site = await EditionTestSite.StartAsync(provider, RateOfThree);
        var readers = await site.Bulletin.AddSubscribersAsync(8);
        var id = await site.SaveArticleAsync("Paused bulletin");
        Assert.Equal(HttpStatusCode.Redirect, (await site.SendNowAsync(id)).StatusCode);
        await SentReachesAsync(site, id, 3);

        Assert.Equal(HttpStatusCode.Redirect, (await site.PostActionAsync(id, "pause")).StatusCode);
        var paused = await site.Editor.GetPageAsync($"/umbraco/bulletin/editions/{id}/progress");
        Assert.Contains("Resume sending", paused, StringComparison.Ordinal);
        Assert.Contains("<strong data-field=\"statusText\">Paused</strong>", paused, StringComparison.Ordinal);
        await site.Bulletin.AdvanceWhenIdleAsync(TimeSpan.FromMinutes(2));
        await site.RunPumpAsync();
        Assert.Equal(3, site.Bulletin.Sink.Messages.Count(m => m.Subject == "Paused bulletin"));
        Assert.Equal(EditionStatus.Paused, await site.StatusAsync(id));

        Assert.Equal(HttpStatusCode.Redirect, (await site.PostActionAsync(id, "resume")).StatusCode);
        for (var minute = 0; minute < 10 && await site.StatusAsync(id) != EditionStatus.Sent; minute++)
        {
            await site.Bulletin.AdvanceWhenIdleAsync(TimeSpan.FromMinutes(2));
            await site.RunPumpAsync();
        }

        Assert.Equal(EditionStatus.Sent, await site.StatusAsync(id));
        Assert.Equal(readers.Select(r => r.Email).Order(), site.Bulletin.Sink.Messages.Where(m => m.Subject == "Paused bulletin").SelectMany(m => m.EnvelopeTo).Order());
        var json = await site.Editor.Http.GetStringAsync(new Uri($"/umbraco/bulletin/editions/{id}/progress.json", UriKind.Relative));
        var figures = JsonNode.Parse(json)!;
        Assert.Equal(8, (int)figures["sent"]!);
        Assert.Equal(0, (int)figures["remaining"]!);
        Assert.Equal("Sent", (string?)figures["status"]);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Cancel_asks_first_then_stops_the_send_for_good(DatabaseProvider provider)
    {
        await using var site = await EditionTestSite.StartAsync(provider, RateOfThree);
        await site.Bulletin.AddSubscribersAsync(7);
        var id = await site.SaveArticleAsync("Cancelled bulletin");
        await site.SendNowAsync(id);
        await SentReachesAsync(site, id, 3);

        var confirm = await site.Editor.GetPageAsync($"/umbraco/bulletin/editions/{id}/cancel");
        Assert.Contains("Yes, cancel this edition", confirm, StringComparison.Ordinal);
        Assert.Equal(EditionStatus.Sending, await site.StatusAsync(id));
        var cancelled = await site.Editor.SubmitAsync($"/umbraco/bulletin/editions/{id}/cancel", $"/umbraco/bulletin/editions/{id}/cancel", new());
        Assert.Equal(HttpStatusCode.Redirect, cancelled.StatusCode);

        await site.Bulletin.AdvanceWhenIdleAsync(TimeSpan.FromMinutes(5));
        await site.RunPumpAsync();
        Assert.Equal(EditionStatus.Cancelled, await site.StatusAsync(id));
        Assert.Equal(3, site.Bulletin.Sink.Messages.Count(m => m.Subject == "Cancelled bulletin"));
        Assert.Equal(new Dictionary<DeliveryStatus, int> { [DeliveryStatus.Sent] = 3, [DeliveryStatus.Cancelled] = 4 }, await site.DeliveriesAsync(id));
        Assert.Equal(HttpStatusCode.Redirect, (await site.PostActionAsync(id, "resume")).StatusCode);
        Assert.Equal(EditionStatus.Cancelled, await site.StatusAsync(id));
        Assert.Equal(HttpStatusCode.NotFound, (await site.Bulletin.Browser.GetAsync(new Uri("/e-bulletin/archive/cancelled-bulletin/", UriKind.Relative))).StatusCode);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_safety_alert_sent_now_is_delivered_while_a_monthly_edition_is_mid_send(DatabaseProvider provider)
    {
        var gate = new MonthlyGate("Monthly mid-send", passes: 2);
        await using var site = await EditionTestSite.StartAsync(provider, host => host.WithServices(services =>
        {
            services.RemoveAll<IMailSender>();
            services.AddSingleton<IMailSender>(sp => new GatedSender(ActivatorUtilities.CreateInstance<MailKitMailSender>(sp, TimeProvider.System), gate));
        }));
        var readers = await site.Bulletin.AddSubscribersAsync(5);
        var monthly = await site.SaveArticleAsync("Monthly mid-send");
        await site.SendNowAsync(monthly);
        await gate.Held.WaitAsync(SendWait);

        var alert = await site.SaveNewAsync(("Kind", "safetyAlert"), ("Title", "Recalled car seat"),
            ("Blocks[0].Kind", "safetyMessage"), ("Blocks[0].Heading", "Stop using it today"), ("Blocks[0].Body", "Check the model number."));
        Assert.Equal(HttpStatusCode.Redirect, (await site.SendNowAsync(alert)).StatusCode);
        await site.Bulletin.WaitUntilSentAsync(alert, SendWait);

        Assert.Equal(EditionStatus.Sending, await site.StatusAsync(monthly));
        Assert.Equal(2, site.Bulletin.Sink.Messages.Count(m => m.Subject == "Monthly mid-send"));
        var alerts = site.Bulletin.Sink.Messages.Where(m => m.Subject == "Urgent safety alert: Recalled car seat").ToList();
        Assert.Equal(readers.Select(r => r.Email).Order(), alerts.SelectMany(m => m.EnvelopeTo).Order());
        Assert.Contains("Stop using it today", alerts[0].Message.TextBody, StringComparison.Ordinal);

        gate.Release();
        await site.Bulletin.WaitUntilSentAsync(monthly, SendWait);
        Assert.Equal(readers.Select(r => r.Email).Order(), site.Bulletin.Sink.Messages.Where(m => m.Subject == "Monthly mid-send").SelectMany(m => m.EnvelopeTo).Order());
    }

    private static void RateOfThree(SiteHost host) => host.WithSetting("Bulletin:MessagesPerMinute", "3");

    private static Task SentReachesAsync(EditionTestSite site, Guid id, int sent) =>
        Eventually.HoldsAsync(async () => (await site.DeliveriesAsync(id)).GetValueOrDefault(DeliveryStatus.Sent) == sent, SendWait, $"{sent} sent");

    /// <summary>Lets the first few messages of one edition through, then holds the rest until released; other mail passes.</summary>
    private sealed class MonthlyGate(string subject, int passes)
    {
        private readonly TaskCompletionSource held = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource released = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int seen;

        public Task Held => held.Task;

        public void Release() => released.TrySetResult();

        public async Task WaitIfHeldAsync(MimeMessage message, CancellationToken cancellationToken)
        {
            if (message.Subject == subject && Interlocked.Increment(ref seen) > passes)
            {
                held.TrySetResult();
                await released.Task.WaitAsync(cancellationToken);
            }
        }
    }

    private sealed class GatedSender(MailKitMailSender inner, MonthlyGate gate) : IMailSender, IDisposable
    {
        public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken = default)
        {
            await gate.WaitIfHeldAsync(message, cancellationToken);
            await inner.SendAsync(message, cancellationToken);
        }

        public void Dispose() => inner.Dispose();
    }
}
