using Microsoft.EntityFrameworkCore;
using SafeguardingSite.Learning;
using SafeguardingSite.Learning.Bookings;
using SafeguardingSite.Learning.Jobs;
using SafeguardingSite.Learning.Model;
using SafeguardingSite.Platform.Data;
using SafeguardingSite.Testing;

namespace SafeguardingSite.IntegrationTests.Learning;

/// <summary>Places, the waiting list and offers, against the real database of each provider.</summary>
public class BookingTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Fifty_concurrent_bookings_for_ten_places_confirm_exactly_ten(DatabaseProvider provider)
    {
        await using var site = await LearningTestSite.StartAsync(provider);
        var organisation = await site.AddOrganisationAsync();
        var session = await site.AddSessionAsync(capacity: 10);
        var learners = await site.AddLearnersAsync(50, organisation.Id);

        using var start = new ManualResetEventSlim();
        var attempts = learners.Select(learner => Task.Run(async () =>
        {
            start.Wait();
            return await site.InScopeAsync<BookingService, BookingResult>(b => b.BookAsync(learner.Id, session.Id, CancellationToken.None));
        })).ToList();
        start.Set();
        var results = await Task.WhenAll(attempts);

        Assert.Equal(10, results.Count(r => r.Outcome == BookingOutcome.Confirmed));
        Assert.Equal(40, results.Count(r => r.Outcome == BookingOutcome.Waiting));
        await using var db = site.Db();
        Assert.Equal(10, await db.Bookings.CountAsync(b => b.SessionId == session.Id && b.Status == BookingStatus.Confirmed));
        Assert.Equal(40, await db.Bookings.CountAsync(b => b.SessionId == session.Id && b.Status == BookingStatus.Waiting));
        Assert.Equal(10, (await db.Sessions.SingleAsync(s => s.Id == session.Id)).PlacesTaken);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_cancellation_offers_the_place_to_the_first_waiting_and_an_expired_hold_passes_it_on(DatabaseProvider provider)
    {
        await using var site = await LearningTestSite.StartAsync(provider);
        var organisation = await site.AddOrganisationAsync();
        var session = await site.AddSessionAsync(capacity: 2);
        var learners = await site.AddLearnersAsync(4, organisation.Id);
        var bookingIds = new List<int>();
        foreach (var learner in learners)
        {
            var result = await site.InScopeAsync<BookingService, BookingResult>(b => b.BookAsync(learner.Id, session.Id, CancellationToken.None));
            bookingIds.Add(result.BookingId!.Value);
            site.Site.Clock.Advance(TimeSpan.FromMinutes(1));
        }

        Assert.True(await site.InScopeAsync<BookingService, bool>(b => b.CancelAsync(bookingIds[0], BookingActor.Learner(learners[0].Email), "Sick", CancellationToken.None)));

        var hold = site.Service<Microsoft.Extensions.Options.IOptions<LearningOptions>>().Value.OfferHold;
        await using (var db = site.Db())
        {
            var third = await db.Bookings.SingleAsync(b => b.Id == bookingIds[2]);
            Assert.Equal(BookingStatus.Offered, third.Status);
            Assert.Equal(site.Now + hold, third.OfferExpiresAt);
            Assert.Equal(BookingStatus.Waiting, (await db.Bookings.SingleAsync(b => b.Id == bookingIds[3])).Status);
            Assert.Equal(2, (await db.Sessions.SingleAsync(s => s.Id == session.Id)).PlacesTaken);
        }

        var offer = await site.Sink.WaitForMessageAsync(m => m.EnvelopeTo.Contains(learners[2].Email) && m.Subject.StartsWith("A place is free", StringComparison.Ordinal), LearningTestSite.MailWait);
        LearningTestSite.LinkIn(offer, "/training/bookings/offer");

        site.Site.Clock.Advance(hold - TimeSpan.FromMinutes(1));
        Assert.Equal(0, await site.InScopeAsync<OfferExpiryJob, int>(j => j.RunAsync(CancellationToken.None)));
        site.Site.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(1, await site.InScopeAsync<OfferExpiryJob, int>(j => j.RunAsync(CancellationToken.None)));

        await using (var db = site.Db())
        {
            Assert.Equal(BookingStatus.Cancelled, (await db.Bookings.SingleAsync(b => b.Id == bookingIds[2])).Status);
            Assert.Equal(BookingStatus.Offered, (await db.Bookings.SingleAsync(b => b.Id == bookingIds[3])).Status);
            Assert.Equal(2, (await db.Sessions.SingleAsync(s => s.Id == session.Id)).PlacesTaken);
        }

        // The lapsed offer's link no longer works; the next person's does.
        Assert.False(await site.InScopeAsync<BookingService, bool>(b => b.AcceptOfferAsync(bookingIds[2], CancellationToken.None)));
        Assert.True(await site.InScopeAsync<BookingService, bool>(b => b.AcceptOfferAsync(bookingIds[3], CancellationToken.None)));
        await using (var db = site.Db())
        {
            Assert.Equal(BookingStatus.Confirmed, (await db.Bookings.SingleAsync(b => b.Id == bookingIds[3])).Status);
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_organisation_quota_holds_and_promotion_skips_an_organisation_at_its_quota(DatabaseProvider provider)
    {
        await using var site = await LearningTestSite.StartAsync(provider);
        var school = await site.AddOrganisationAsync("Northdale High School");
        var health = await site.AddOrganisationAsync("Northdale Health Trust", OrganisationSector.Health);
        var session = await site.AddSessionAsync(capacity: 3, quota: 1);
        var teachers = await site.AddLearnersAsync(2, school.Id, "teacher");
        var nurses = await site.AddLearnersAsync(1, health.Id, "nurse");

        var first = await site.InScopeAsync<BookingService, BookingResult>(b => b.BookAsync(teachers[0].Id, session.Id, CancellationToken.None));
        var second = await site.InScopeAsync<BookingService, BookingResult>(b => b.BookAsync(teachers[1].Id, session.Id, CancellationToken.None));
        var third = await site.InScopeAsync<BookingService, BookingResult>(b => b.BookAsync(nurses[0].Id, session.Id, CancellationToken.None));

        Assert.Equal(BookingOutcome.Confirmed, first.Outcome);
        Assert.Equal(BookingOutcome.Waiting, second.Outcome);
        Assert.Equal(BookingOutcome.Confirmed, third.Outcome);
        Assert.Equal(0, await site.InScopeAsync<BookingService, int>(b => b.OfferFreedPlacesAsync(session.Id, CancellationToken.None)));
        await using var db = site.Db();
        Assert.Equal(2, (await db.Sessions.SingleAsync(s => s.Id == session.Id)).PlacesTaken);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Booking_twice_at_once_books_once_and_a_cancelled_booking_can_be_made_again(DatabaseProvider provider)
    {
        await using var site = await LearningTestSite.StartAsync(provider);
        var organisation = await site.AddOrganisationAsync();
        var session = await site.AddSessionAsync(capacity: 5);
        var learner = (await site.AddLearnersAsync(1, organisation.Id)).Single();

        var results = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => Task.Run(() =>
            site.InScopeAsync<BookingService, BookingResult>(b => b.BookAsync(learner.Id, session.Id, CancellationToken.None)))));

        Assert.Single(results, r => r.Outcome == BookingOutcome.Confirmed);
        Assert.All(results.Where(r => r.Outcome != BookingOutcome.Confirmed), r => Assert.Equal(BookingOutcome.AlreadyBooked, r.Outcome));
        await using (var db = site.Db())
        {
            Assert.Equal(1, await db.Bookings.CountAsync(b => b.LearnerId == learner.Id));
            Assert.Equal(1, (await db.Sessions.SingleAsync(s => s.Id == session.Id)).PlacesTaken);
        }

        var id = results.First(r => r.Outcome == BookingOutcome.Confirmed).BookingId!.Value;
        Assert.True(await site.InScopeAsync<BookingService, bool>(b => b.CancelAsync(id, BookingActor.System, null, CancellationToken.None)));
        Assert.False(await site.InScopeAsync<BookingService, bool>(b => b.CancelAsync(id, BookingActor.System, null, CancellationToken.None)));
        var again = await site.InScopeAsync<BookingService, BookingResult>(b => b.BookAsync(learner.Id, session.Id, CancellationToken.None));
        Assert.Equal(BookingOutcome.Confirmed, again.Outcome);
        Assert.Equal(id, again.BookingId);
        await using (var db = site.Db())
        {
            Assert.Equal(1, (await db.Sessions.SingleAsync(s => s.Id == session.Id)).PlacesTaken);
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_reminder_is_sent_once_however_often_the_job_runs_restarts_or_overlaps(DatabaseProvider provider)
    {
        await using var site = await LearningTestSite.StartAsync(provider);
        var organisation = await site.AddOrganisationAsync();
        var session = await site.AddSessionAsync(capacity: 5, startsIn: TimeSpan.FromDays(10));
        var learners = await site.AddLearnersAsync(2, organisation.Id);
        foreach (var learner in learners)
        {
            await site.InScopeAsync<BookingService, BookingResult>(b => b.BookAsync(learner.Id, session.Id, CancellationToken.None));
        }

        var overlapping = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() =>
            site.InScopeAsync<BookingReminderJob, int>(j => j.RunAsync(CancellationToken.None)))));
        Assert.Equal(2, overlapping.Sum());
        Assert.Equal(0, await site.InScopeAsync<BookingReminderJob, int>(j => j.RunAsync(CancellationToken.None)));

        // A restart (a new host on the same database) finds nothing left to send.
        await site.StopHostAsync();
        await site.StartHostAsync();
        Assert.Equal(0, await site.InScopeAsync<BookingReminderJob, int>(j => j.RunAsync(CancellationToken.None)));

        // Five days out the joining instructions go, once each.
        site.Site.Clock.Advance(TimeSpan.FromDays(6));
        Assert.Equal(2, await site.InScopeAsync<BookingReminderJob, int>(j => j.RunAsync(CancellationToken.None)));
        Assert.Equal(0, await site.InScopeAsync<BookingReminderJob, int>(j => j.RunAsync(CancellationToken.None)));

        await Eventually.HoldsAsync(() => Task.FromResult(site.Sink.Messages.Count(m => m.Subject.StartsWith("Joining instructions", StringComparison.Ordinal)) == 2),
            LearningTestSite.MailWait, "the joining instructions");
        Assert.Equal(2, site.Sink.Messages.Count(m => m.Subject.StartsWith("Reminder:", StringComparison.Ordinal)));
        foreach (var learner in learners)
        {
            Assert.Single(site.Sink.Messages, m => m.EnvelopeTo.Contains(learner.Email) && m.Subject.StartsWith("Reminder:", StringComparison.Ordinal));
        }

        await using var db = site.Db();
        Assert.Equal(4, await db.SentMails.CountAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_reminder_whose_send_failed_is_sent_by_the_retry(DatabaseProvider provider)
    {
        await using var site = await LearningTestSite.StartAsync(provider);
        var organisation = await site.AddOrganisationAsync();
        var session = await site.AddSessionAsync(capacity: 5, startsIn: TimeSpan.FromDays(10));
        var learner = (await site.AddLearnersAsync(1, organisation.Id)).Single();
        await site.InScopeAsync<BookingService, BookingResult>(b => b.BookAsync(learner.Id, session.Id, CancellationToken.None));
        await site.Sink.WaitForMessageAsync(m => m.Subject.StartsWith("Booking confirmed", StringComparison.Ordinal), LearningTestSite.MailWait);

        site.Sink.FailNext(SafeguardingSite.Testing.Smtp.SmtpVerb.Data, 554);
        await Assert.ThrowsAsync<SafeguardingSite.Platform.Mail.MailDeliveryException>(() => site.InScopeAsync<BookingReminderJob, int>(j => j.RunAsync(CancellationToken.None)));
        await using (var db = site.Db())
        {
            Assert.Equal(0, await db.SentMails.CountAsync());
        }

        Assert.Equal(1, await site.InScopeAsync<BookingReminderJob, int>(j => j.RunAsync(CancellationToken.None)));
        Assert.Single(site.Sink.Messages, m => m.Subject.StartsWith("Reminder:", StringComparison.Ordinal));
    }
}
