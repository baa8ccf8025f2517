using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using SafeguardingSite.IntegrationTests.BackOffice;
using SafeguardingSite.Learning.Cancellation;
using SafeguardingSite.Learning.Charging;
using SafeguardingSite.Learning.Mail;
using SafeguardingSite.Learning.Model;
using SafeguardingSite.Learning.Registers;
using SafeguardingSite.Platform.Data;
using SafeguardingSite.Testing;

namespace SafeguardingSite.IntegrationTests.LearningCharging;

/// <summary>The signed link in the confirmation: cancelling (told the charge first inside the notice) and sending a colleague.</summary>
[Collection(ChargingSites.Collection)]
public partial class SelfCancellationTests(ChargingSites sites)
{
    private static readonly TimeSpan MailWait = TimeSpan.FromSeconds(30);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Inside_the_notice_the_learner_is_told_the_charge_before_cancelling_and_the_waiting_list_moves_up(DatabaseProvider provider)
    {
        var site = await sites.ForAsync(provider);
        await site.SignInAgainAsync();
        await site.Service<ChargingPolicyService>().SaveAsync(ChargingTerms.Default, "test", CancellationToken.None);
        var council = await site.AddOrganisationAsync("Late Council");
        var session = await site.AddSessionAsync(TimeSpan.FromDays(2), capacity: 1);
        var booking = await site.AddBookingAsync(session.SessionId, council, "Lola Late");
        var waiting = await site.AddBookingAsync(session.SessionId, council, "Wes Waiting", BookingStatus.Waiting);
        var link = await ConfirmationLinkAsync(site, booking);
        var browser = site.NewClient();

        var manage = WebUtility.HtmlDecode(await browser.GetPageAsync(link));
        Assert.Contains("£50.00 will be charged to", manage, StringComparison.Ordinal);
        var cancelPath = BookingLinks.CancelPath + Query(link);
        var cancelPage = WebUtility.HtmlDecode(await browser.GetPageAsync(cancelPath));
        Assert.Contains("You will be charged £50.00", cancelPage, StringComparison.Ordinal);
        Assert.Contains("Cancel and accept the £50.00 charge", cancelPage, StringComparison.Ordinal);
        var token = Query(link)["?token=".Length..];

        // A form that says it accepted no charge shows the charge again and cancels nothing.
        var tampered = await browser.SubmitAsync(cancelPath, BookingLinks.CancelPath, new() { ["token"] = Uri.UnescapeDataString(token), ["acceptedAmount"] = "0.00" });
        Assert.Equal(HttpStatusCode.Conflict, tampered.StatusCode);
        Assert.Contains("You will be charged £50.00", WebUtility.HtmlDecode(await tampered.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(BookingStatus.Confirmed, await StatusAsync(site, booking.BookingId));

        foreach (var amount in new[] { "fifty", "<script>", new string('9', 5000) })
        {
            var refused = await browser.SubmitAsync(cancelPath, BookingLinks.CancelPath, new() { ["token"] = Uri.UnescapeDataString(token), ["acceptedAmount"] = amount });
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        }

        var done = await browser.SubmitAsync(cancelPath, BookingLinks.CancelPath, new() { ["token"] = Uri.UnescapeDataString(token), ["acceptedAmount"] = "50.00" });
        var doneHtml = WebUtility.HtmlDecode(await done.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        Assert.Contains("a charge of £50.00 will be invoiced to", doneHtml, StringComparison.Ordinal);

        Assert.Equal(BookingStatus.Cancelled, await StatusAsync(site, booking.BookingId));
        Assert.Equal(BookingStatus.Offered, await StatusAsync(site, waiting.BookingId));
        await using (var db = site.Db())
        {
            var record = await db.Set<SelfCancellation>().SingleAsync(c => c.BookingId == booking.BookingId);
            Assert.True(record.IsLate);
            Assert.Equal(50m, record.QuotedAmount);
        }

        // Once cancelled, the same link says so and offers no form to submit a second time.
        var again = await (await browser.GetAsync(cancelPath)).Content.ReadAsStringAsync();
        Assert.Contains("no longer active", again, StringComparison.Ordinal);
        Assert.DoesNotContain("Cancel and accept", WebUtility.HtmlDecode(again), StringComparison.Ordinal);

        var charge = Assert.Single(await site.CloseRegisterAsync(session, new Dictionary<int, Attendance>()));
        Assert.Equal((booking.BookingId, ChargeKind.LateCancellation, 50m), (charge.BookingId, charge.Kind, charge.Amount));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Before_the_notice_runs_out_cancelling_is_free_and_a_bad_link_is_refused(DatabaseProvider provider)
    {
        var site = await sites.ForAsync(provider);
        await site.SignInAgainAsync();
        await site.Service<ChargingPolicyService>().SaveAsync(ChargingTerms.Default, "test", CancellationToken.None);
        var council = await site.AddOrganisationAsync("Early Council");
        var session = await site.AddSessionAsync(TimeSpan.FromDays(14));
        var booking = await site.AddBookingAsync(session.SessionId, council, "Ella Early");
        var link = site.Service<BookingLinks>().Manage(booking.BookingId, booking.LearnerId);
        var browser = site.NewClient();
        var token = Uri.UnescapeDataString(Query(link)["?token=".Length..]);
        var cancelPath = BookingLinks.CancelPath + Query(link);

        Assert.Contains("You can cancel free of charge until", await browser.GetPageAsync(PathOf(link)), StringComparison.Ordinal);
        Assert.Contains("Cancelling now is free of charge", await browser.GetPageAsync(cancelPath), StringComparison.Ordinal);

        foreach (var bad in new[] { token[..^4] + "AAAA", "<script>alert(1)</script>", "' OR 1=1 --", new string('A', 5000) })
        {
            var response = await browser.GetAsync(BookingLinks.ManagePath + "?token=" + Uri.EscapeDataString(bad));
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains("This link is not valid", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.BadRequest, (await browser.PostWithoutTokenAsync(BookingLinks.CancelPath, new() { ["token"] = token, ["acceptedAmount"] = "0.00" })).StatusCode);
        var done = await browser.SubmitAsync(cancelPath, BookingLinks.CancelPath, new() { ["token"] = token, ["acceptedAmount"] = "0.00" });
        Assert.Contains("cancelled, free of charge", await done.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await using (var db = site.Db())
        {
            Assert.False((await db.Set<SelfCancellation>().SingleAsync(c => c.BookingId == booking.BookingId)).IsLate);
        }

        Assert.Empty(await site.CloseRegisterAsync(session, new Dictionary<int, Attendance>()));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_colleague_from_the_same_organisation_takes_the_place_at_no_charge(DatabaseProvider provider)
    {
        var site = await sites.ForAsync(provider);
        await site.SignInAgainAsync();
        await site.Service<ChargingPolicyService>().SaveAsync(ChargingTerms.Default, "test", CancellationToken.None);
        var council = await site.AddOrganisationAsync("Swap Council");
        var other = await site.AddOrganisationAsync("Other Trust", OrganisationSector.Health);
        var session = await site.AddSessionAsync(TimeSpan.FromDays(1));
        var booking = await site.AddBookingAsync(session.SessionId, council, "Olive Original");
        var outsider = await site.AddBookingAsync((await site.AddSessionAsync(TimeSpan.FromDays(20))).SessionId, other, "Otto Outsider");
        var link = site.Service<BookingLinks>().Manage(booking.BookingId, booking.LearnerId);
        var token = Uri.UnescapeDataString(Query(link)["?token=".Length..]);
        var page = BookingLinks.SubstitutePath + Query(link);
        var browser = site.NewClient();
        string outsiderEmail, originalEmail;
        await using (var db = site.Db())
        {
            outsiderEmail = await db.Set<Learner>().Where(l => l.Id == outsider.LearnerId).Select(l => l.Email).SingleAsync();
            originalEmail = await db.Set<Learner>().Where(l => l.Id == booking.LearnerId).Select(l => l.Email).SingleAsync();
        }

        var colleague = $"sam.{Guid.NewGuid():N}@northdale-council.example";
        var valid = new Dictionary<string, string> { ["token"] = token, ["Name"] = "Sam <b>Substitute</b>", ["Email"] = colleague, ["ManagerEmail"] = "", ["SameOrganisation"] = "true" };
        foreach (var (field, value, message) in new[]
                 {
                     ("Email", "office@northdale-council.example", "not a shared inbox"),
                     ("Email", originalEmail, "not your own"),
                     ("Email", outsiderEmail, "registered with another organisation"),
                     ("Email", "not-an-email'; DROP TABLE learning_bookings;--", "Enter a valid"),
                     ("Name", new string('n', 201), "200 characters or fewer"),
                     ("SameOrganisation", "false", "Confirm that your colleague works for"),
                     ("ManagerEmail", "<script>", "Enter a valid"),
                 })
        {
            var response = await browser.SubmitAsync(page, BookingLinks.SubstitutePath, new Dictionary<string, string>(valid) { [field] = value });
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains(message, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        }

        Assert.Equal(booking.LearnerId, await LearnerOfAsync(site, booking.BookingId));
        var done = await browser.SubmitAsync(page, BookingLinks.SubstitutePath, valid);
        var doneHtml = await done.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        Assert.Contains("There is no charge for sending a colleague", doneHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>Substitute</b>", doneHtml, StringComparison.Ordinal);

        int colleagueId;
        await using (var db = site.Db())
        {
            var moved = await db.Set<Booking>().SingleAsync(b => b.Id == booking.BookingId);
            var substitute = await db.Set<Learner>().SingleAsync(l => l.Id == moved.LearnerId);
            Assert.Equal((colleague, council, BookingStatus.Confirmed), (substitute.Email, substitute.OrganisationId, moved.Status));
            var record = await db.Set<Substitution>().SingleAsync(s => s.BookingId == booking.BookingId);
            Assert.Equal((booking.LearnerId, substitute.Id), (record.FromLearnerId, record.ToLearnerId));
            colleagueId = substitute.Id;
        }

        var confirmation = await site.Mail.WaitForMessageAsync(m => m.EnvelopeTo.Contains(colleague), MailWait);
        Assert.StartsWith("Booking confirmed", confirmation.Subject, StringComparison.Ordinal);

        // The original holder's link no longer works; the colleague's own link does.
        Assert.Equal(HttpStatusCode.BadRequest, (await browser.GetAsync(PathOf(link))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(new Uri(site.Service<BookingLinks>().Manage(booking.BookingId, colleagueId)).PathAndQuery)).StatusCode);

        Assert.Empty(await site.CloseRegisterAsync(session, new Dictionary<int, Attendance> { [booking.BookingId] = Attendance.Attended }));
    }

    private static async Task<string> ConfirmationLinkAsync(ChargingTestSite site, (int BookingId, int LearnerId) booking)
    {
        string email;
        await using (var db = site.Db())
        {
            email = await db.Set<Learner>().Where(l => l.Id == booking.LearnerId).Select(l => l.Email).SingleAsync();
        }

        site.Service<ILearningMailQueue>().Enqueue(LearningMail.Confirmed, booking.BookingId);
        var mail = await site.Mail.WaitForMessageAsync(m => m.EnvelopeTo.Contains(email) && m.Subject.StartsWith("Booking confirmed", StringComparison.Ordinal), MailWait);
        var url = ManageLink().Match(mail.Message.TextBody ?? string.Empty).Value;
        return new Uri(url).PathAndQuery;
    }

    private static string Query(string link) => link[link.IndexOf('?', StringComparison.Ordinal)..];

    private static string PathOf(string link) => link.StartsWith('/') ? link : new Uri(link).PathAndQuery;

    private static async Task<BookingStatus> StatusAsync(ChargingTestSite site, int bookingId)
    {
        await using var db = site.Db();
        return await db.Set<Booking>().Where(b => b.Id == bookingId).Select(b => b.Status).SingleAsync();
    }

    private static async Task<int> LearnerOfAsync(ChargingTestSite site, int bookingId)
    {
        await using var db = site.Db();
        return await db.Set<Booking>().Where(b => b.Id == bookingId).Select(b => b.LearnerId).SingleAsync();
    }

    [GeneratedRegex(@"https?://\S+/training/my-booking\?token=[^\s<>""]+")]
    private static partial Regex ManageLink();
}
