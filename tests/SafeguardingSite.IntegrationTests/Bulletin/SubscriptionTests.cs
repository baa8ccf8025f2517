using System.Net;
using Microsoft.EntityFrameworkCore;
using SafeguardingSite.Bulletin.Model;
using SafeguardingSite.Bulletin.Subscriptions;
using SafeguardingSite.Platform.Data;
using SafeguardingSite.Testing;

namespace SafeguardingSite.IntegrationTests.Bulletin;

/// <summary>Double opt-in through the public form and the mailed links, over real HTTP and real SMTP.</summary>
public class SubscriptionTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Subscribing_sends_a_confirmation_and_confirming_records_consent(DatabaseProvider provider)
    {
        await using var site = await BulletinTestSite.StartAsync(provider);

        var response = await site.SubscribeAsync("  Sam.Taylor@Schools.Example ");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Check your email", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var mail = await site.Sink.WaitForMessageAsync(m => m.EnvelopeTo.Contains("sam.taylor@schools.example"), BulletinTestSite.MailWait);
        Assert.Equal("Confirm your e-bulletin subscription", mail.Subject);
        Assert.NotNull(mail.Message.HtmlBody);
        await using (var db = site.Db())
        {
            Assert.Equal(SubscriberStatus.Pending, (await db.Subscribers.SingleAsync()).Status);
        }

        var confirmed = await site.FollowAndSubmitAsync(BulletinTestSite.LinkIn(mail, "/bulletin/confirm"));
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Contains("You are subscribed", await confirmed.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        await using (var db = site.Db())
        {
            var subscriber = await db.Subscribers.SingleAsync();
            Assert.Equal(SubscriberStatus.Subscribed, subscriber.Status);
            Assert.Equal("sam.taylor@schools.example", subscriber.Email);
            Assert.Equal(site.Site.Clock.GetUtcNow().UtcDateTime, subscriber.ConfirmedAt);
            Assert.Equal(SubscribeForm.ConsentWording, subscriber.ConsentWording);
            Assert.Equal("/e-bulletin/", subscriber.ConsentSourceUrl);
            Assert.Equal(await site.ChoiceIdAsync(ChoiceKind.ServiceArea, "Education"), subscriber.ServiceAreaId);
            var events = await db.Events.OrderBy(e => e.Id).Select(e => e.Kind).ToListAsync();
            Assert.Equal([SubscriptionEventKind.Requested, SubscriptionEventKind.Confirmed], events);
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task An_address_already_subscribed_gets_the_same_answer_and_a_different_mail(DatabaseProvider provider)
    {
        await using var site = await BulletinTestSite.StartAsync(provider);
        var existing = (await site.AddSubscribersAsync(1)).Single();

        var forNew = await site.SubscribeAsync("someone.new@schools.example");
        var forExisting = await site.SubscribeAsync(existing.Email, name: "Someone Else");

        Assert.Equal(forNew.StatusCode, forExisting.StatusCode);
        Assert.Equal(await forNew.Content.ReadAsStringAsync(), await forExisting.Content.ReadAsStringAsync());
        var notice = await site.Sink.WaitForMessageAsync(m => m.EnvelopeTo.Contains(existing.Email), BulletinTestSite.MailWait);
        Assert.Equal("You are already subscribed to the e-bulletin", notice.Subject);
        BulletinTestSite.LinkIn(notice, "/bulletin/preferences");
        await using var db = site.Db();
        Assert.Equal("Reader 1", (await db.Subscribers.SingleAsync(s => s.Id == existing.Id)).Name); // an anonymous form changes nothing
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Unsubscribing_by_the_link_and_by_one_click_post_is_immediate_and_recorded(DatabaseProvider provider)
    {
        await using var site = await BulletinTestSite.StartAsync(provider);
        var subscribers = await site.AddSubscribersAsync(2);
        var edition = await site.CreateEditionAsync("November bulletin");
        await site.Editor.PostAsync($"editions/{edition}/send", null);
        await site.WaitUntilSentAsync(edition, BulletinTestSite.MailWait);
        var first = site.Sink.Messages.Single(m => m.EnvelopeTo.Contains(subscribers[0].Email));
        var second = site.Sink.Messages.Single(m => m.EnvelopeTo.Contains(subscribers[1].Email));

        Assert.Equal("List-Unsubscribe=One-Click", second.Message.Headers["List-Unsubscribe-Post"]);
        var oneClick = new Uri(second.Message.Headers["List-Unsubscribe"]!.Trim('<', '>'));
        using var cookieless = site.Site.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = false });
        var posted = await cookieless.PostAsync(new Uri(oneClick.PathAndQuery, UriKind.Relative),
            new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]));
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);

        var byLink = await site.FollowAndSubmitAsync(BulletinTestSite.LinkIn(first, "/bulletin/unsubscribe"));
        Assert.Contains("You have unsubscribed", await byLink.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        await using var db = site.Db();
        Assert.All(await db.Subscribers.ToListAsync(), s => Assert.Equal(SubscriberStatus.Unsubscribed, s.Status));
        var recorded = await db.Events.Where(e => e.Kind == SubscriptionEventKind.Unsubscribed).Select(e => e.Detail).ToListAsync();
        Assert.Equal(["link", "one-click"], recorded.Order());

        var tampered = await cookieless.PostAsync(new Uri("/bulletin/one-click-unsubscribe?token=forged", UriKind.Relative),
            new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]));
        Assert.Equal(HttpStatusCode.BadRequest, tampered.StatusCode);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_double_submit_at_the_same_moment_makes_one_subscriber(DatabaseProvider provider)
    {
        await using var site = await BulletinTestSite.StartAsync(provider);

        var form = await site.SubscribeFieldsAsync("twice@schools.example");
        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
            site.Browser.PostAsync(new Uri("/bulletin/subscribe", UriKind.Relative), new FormUrlEncodedContent(form))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        await using var db = site.Db();
        Assert.Equal(1, await db.Subscribers.CountAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Invalid_input_is_shown_beside_the_fields_and_nothing_typed_is_lost(DatabaseProvider provider)
    {
        await using var site = await BulletinTestSite.StartAsync(provider);
        const string script = "<script>alert('x')</script>";

        var response = await site.SubscribeAsync("not-an-email' OR 1=1 --", name: script, serviceArea: "999999", consent: false,
            extra: [new("Organisation", new string('o', 5000)), new("Topics", "abc")]);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("There is a problem", html, StringComparison.Ordinal);
        Assert.Contains("id=\"bulletin-email-error\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"bulletin-servicearea-error\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"bulletin-consent-error\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"bulletin-topics-error\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain(script, html, StringComparison.Ordinal);
        Assert.Contains("value=\"&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"not-an-email&#x27; OR 1=1 --\"", html, StringComparison.Ordinal);
        await using var db = site.Db();
        Assert.Equal(0, await db.Subscribers.CountAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Bots_and_floods_are_turned_away_without_a_mail(DatabaseProvider provider)
    {
        await using var site = await BulletinTestSite.StartAsync(provider, host =>
        {
            host.WithSetting("Bulletin:SubscribeRequestsPerHour", "2");
            BulletinTestSite.FromAddress(host, "203.0.113.7");
        });

        var bot = await site.SubscribeAsync("bot@spam.example", extra: [new("Website", "http://spam.example")]);
        Assert.Equal(HttpStatusCode.OK, bot.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await site.SubscribeAsync("one@schools.example")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await site.SubscribeAsync("two@schools.example")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await site.SubscribeAsync("three@schools.example")).StatusCode);

        await using var db = site.Db();
        Assert.Equal(["one@schools.example", "two@schools.example"], await db.Subscribers.OrderBy(s => s.Email).Select(s => s.Email).ToListAsync());
        var hashes = await db.Events.Select(e => e.IpHash).Distinct().ToListAsync();
        Assert.Equal(64, Assert.Single(hashes)!.Length);
        Assert.DoesNotContain("203.0.113.7", hashes);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_confirmation_link_expires_and_a_forged_one_is_refused(DatabaseProvider provider)
    {
        await using var site = await BulletinTestSite.StartAsync(provider);
        await site.SubscribeAsync("late@schools.example");
        var mail = await site.Sink.WaitForMessageAsync(m => m.EnvelopeTo.Contains("late@schools.example"), BulletinTestSite.MailWait);

        site.Site.Clock.Advance(TimeSpan.FromDays(8));
        var expired = await site.FollowAndSubmitAsync(BulletinTestSite.LinkIn(mail, "/bulletin/confirm"));
        Assert.Equal(HttpStatusCode.BadRequest, expired.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await site.Browser.GetAsync(new Uri("/bulletin/confirm?token=%27%3Bdrop%20table", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await site.Browser.GetAsync(new Uri("/bulletin/preferences?token=" + new string('a', 5000), UriKind.Relative))).StatusCode);

        await using var db = site.Db();
        Assert.Equal(SubscriberStatus.Pending, (await db.Subscribers.SingleAsync()).Status);
    }
}
