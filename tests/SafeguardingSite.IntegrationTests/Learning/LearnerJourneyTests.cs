using System.Net;
using System.Text.Json;
using Ical.Net;
using Microsoft.EntityFrameworkCore;
using SafeguardingSite.IntegrationTests.BackOffice;
using SafeguardingSite.Learning.Accounts;
using SafeguardingSite.Learning.Model;
using SafeguardingSite.Platform.Data;
using SafeguardingSite.Testing;

namespace SafeguardingSite.IntegrationTests.Learning;

/// <summary>The learner's side over real HTTP and SMTP: registering, confirming, signing in by link, booking, calendars.</summary>
public class LearnerJourneyTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_learner_registers_confirms_by_link_books_and_gets_an_invite_copied_to_the_manager(DatabaseProvider provider)
    {
        await using var site = await LearningTestSite.StartAsync(provider);
        var organisation = await site.AddOrganisationAsync();
        var session = await site.AddSessionAsync(capacity: 10);
        using var browser = site.NewClient();

        var registered = await browser.SubmitAsync("/training/account/register", "/training/account/register", Registration(organisation.Id, "Sam.Taylor@Schools.Example"));
        Assert.Equal(HttpStatusCode.OK, registered.StatusCode);
        Assert.Contains("Check your email", await registered.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var confirmation = await site.Sink.WaitForMessageAsync(m => m.EnvelopeTo.Contains("sam.taylor@schools.example"), LearningTestSite.MailWait);
        var link = LearningTestSite.LinkIn(confirmation, "/training/account/confirm");
        var confirmed = await LearningTestSite.FollowAndSubmitAsync(browser, link);
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Contains("Your account is confirmed", await confirmed.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // The link worked once.
        Assert.Equal(HttpStatusCode.BadRequest, (await LearningTestSite.FollowAndSubmitAsync(site.NewClient(), link)).StatusCode);

        var booked = await browser.SubmitAsync($"/training/sessions/{session.Id}/book", $"/training/sessions/{session.Id}/book", new() { ["acceptTerms"] = "true" });
        Assert.Equal(HttpStatusCode.OK, booked.StatusCode);
        Assert.Contains("Your place is booked", await booked.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var mail = await site.Sink.WaitForMessageAsync(m => m.Subject.StartsWith("Booking confirmed", StringComparison.Ordinal), LearningTestSite.MailWait);
        Assert.Contains("sam.taylor@schools.example", mail.EnvelopeTo);
        Assert.Contains("head.teacher@schools.example", mail.EnvelopeTo);
        var invite = Assert.Single(mail.Message.Attachments.OfType<MimeKit.MimePart>(), a => a.ContentType.MimeType == "text/calendar");
        using var content = new MemoryStream();
        await invite.Content!.DecodeToAsync(content);
        var calendar = Calendar.Load(System.Text.Encoding.UTF8.GetString(content.ToArray()))!;
        var invited = Assert.Single(calendar.Events);
        Assert.Equal(session.StartsAt, invited.DtStart!.AsUtc);
        Assert.Equal("Northdale Civic Centre", invited.Location);

        var page = await browser.GetPageAsync("/training/account/bookings");
        Assert.Contains("Working Together to Safeguard Children", page, StringComparison.Ordinal);
        Assert.Contains("Booked", page, StringComparison.Ordinal);

        await using var db = site.Db();
        var booking = await db.Bookings.SingleAsync();
        Assert.Equal(BookingStatus.Confirmed, booking.Status);
        Assert.Equal(organisation.Id, booking.OrganisationId);
        Assert.False(string.IsNullOrEmpty(booking.TermsVersion));
    }

    [Theory]
    [InlineData("office@school.example")]
    [InlineData("Admin@council.example")]
    [InlineData("info@charity.example")]
    [InlineData("enquiries@nursery.example")]
    [InlineData("reception@surgery.example")]
    [InlineData("office.team@school.example")]
    public void Shared_inboxes_are_refused_with_a_clear_message(string email)
    {
        Assert.Contains("not a shared inbox", WorkEmail.IndividualProblem(email), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sam.taylor@school.example")]
    [InlineData("j.officer@police.example")]
    [InlineData("information.governance.lead@nhs.example")]
    public void Individual_addresses_are_accepted(string email)
    {
        Assert.Null(WorkEmail.IndividualProblem(email));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Registration_refuses_shared_inboxes_and_hostile_input_with_400_and_stores_nothing(DatabaseProvider provider)
    {
        await using var site = await LearningTestSite.StartAsync(provider);
        var organisation = await site.AddOrganisationAsync();
        using var browser = site.NewClient();

        var shared = await browser.SubmitAsync("/training/account/register", "/training/account/register", Registration(organisation.Id, "office@school.example"));
        Assert.Equal(HttpStatusCode.BadRequest, shared.StatusCode);
        Assert.Contains("not a shared inbox such as office@", WebUtility.HtmlDecode(await shared.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        var wrongType = Registration(organisation.Id, "sam@school.example");
        wrongType["Organisation"] = "not-a-number";
        var hostile = new List<Dictionary<string, string>>
        {
            wrongType,
            Registration(organisation.Id, "sam@school.example", name: "<script>alert(1)</script>"),
            Registration(organisation.Id, "sam@school.example", name: new string('x', 5000)),
            Registration(organisation.Id, "sam'; DROP TABLE learning_learners; --@school.example"),
            Registration(999_999, "sam@school.example"),
            Registration(organisation.Id, "sam@school.example", manager: "sam@school.example"),
        };
        foreach (var fields in hostile)
        {
            var response = await browser.SubmitAsync("/training/account/register", "/training/account/register", fields);
            var html = await response.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains("There is a problem", html, StringComparison.Ordinal);
            Assert.DoesNotContain("<script>alert(1)</script>", html, StringComparison.Ordinal);
        }

        var noToken = await browser.PostWithoutTokenAsync("/training/account/register", Registration(organisation.Id, "sam@school.example"));
        Assert.Equal(HttpStatusCode.BadRequest, noToken.StatusCode);

        await using var db = site.Db();
        Assert.Equal(0, await db.Learners.CountAsync());
        Assert.Equal(1, await db.Organisations.CountAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Signing_in_by_link_then_a_double_submitted_booking_books_once_and_the_terms_are_required(DatabaseProvider provider)
    {
        await using var site = await LearningTestSite.StartAsync(provider);
        var organisation = await site.AddOrganisationAsync();
        var session = await site.AddSessionAsync(capacity: 3);
        var learner = (await site.AddLearnersAsync(1, organisation.Id)).Single();
        using var browser = await SignInAsync(site, learner.Email);

        var withoutTerms = await browser.SubmitAsync($"/training/sessions/{session.Id}/book", $"/training/sessions/{session.Id}/book", []);
        Assert.Equal(HttpStatusCode.BadRequest, withoutTerms.StatusCode);
        Assert.Contains("accept the booking terms", await withoutTerms.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var html = await browser.GetPageAsync($"/training/sessions/{session.Id}/book");
        var form = new Dictionary<string, string> { ["acceptTerms"] = "true", ["__RequestVerificationToken"] = BrowserClient.TokenIn(html) };
        var first = await browser.Http.PostAsync($"/training/sessions/{session.Id}/book", new FormUrlEncodedContent(form));
        var second = await browser.Http.PostAsync($"/training/sessions/{session.Id}/book", new FormUrlEncodedContent(form));
        Assert.Contains("Your place is booked", await first.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("You already have this booking", await second.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        await using var db = site.Db();
        Assert.Equal(1, await db.Bookings.CountAsync());
        Assert.Equal(1, (await db.Sessions.SingleAsync(s => s.Id == session.Id)).PlacesTaken);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_learner_exports_their_data_and_deleting_the_account_frees_their_place(DatabaseProvider provider)
    {
        await using var site = await LearningTestSite.StartAsync(provider);
        var organisation = await site.AddOrganisationAsync();
        var session = await site.AddSessionAsync(capacity: 1);
        var learners = await site.AddLearnersAsync(2, organisation.Id);
        using var browser = await SignInAsync(site, learners[0].Email);
        await browser.SubmitAsync($"/training/sessions/{session.Id}/book", $"/training/sessions/{session.Id}/book", new() { ["acceptTerms"] = "true" });
        using (var other = await SignInAsync(site, learners[1].Email))
        {
            await other.SubmitAsync($"/training/sessions/{session.Id}/book", $"/training/sessions/{session.Id}/book", new() { ["acceptTerms"] = "true" });
        }

        var export = await browser.GetAsync("/training/account/export");
        Assert.Equal("application/json", export.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await export.Content.ReadAsStringAsync());
        Assert.Equal(learners[0].Email, json.RootElement.GetProperty("account").GetProperty("email").GetString());
        Assert.Equal("Confirmed", json.RootElement.GetProperty("bookings")[0].GetProperty("status").GetString());

        var deleted = await browser.SubmitAsync("/training/account/delete", "/training/account/delete", []);
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/training/account/bookings")).StatusCode);

        await using var db = site.Db();
        var erased = await db.Learners.SingleAsync(l => l.Id == learners[0].Id);
        Assert.DoesNotContain(learners[0].Email, erased.Email, StringComparison.Ordinal);
        Assert.Equal("Deleted learner", erased.Name);
        Assert.Empty(erased.ManagerEmail);
        Assert.Equal(BookingStatus.Offered, (await db.Bookings.SingleAsync(b => b.LearnerId == learners[1].Id)).Status);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_listing_filters_and_the_calendar_feeds_parse_with_ical_net(DatabaseProvider provider)
    {
        await using var site = await LearningTestSite.StartAsync(provider);
        var first = await site.AddSessionAsync(capacity: 12, title: "Neglect: recognising and responding");
        var second = await site.AddSessionAsync(capacity: 8, startsIn: TimeSpan.FromDays(40), title: "Child exploitation");
        using var browser = site.NewClient();

        var listing = await browser.GetPageAsync("/training");
        Assert.Contains("Neglect: recognising and responding", listing, StringComparison.Ordinal);
        Assert.Contains("12 places left", listing, StringComparison.Ordinal);
        var filtered = await browser.GetPageAsync("/training?level=3");
        Assert.DoesNotContain("Child exploitation", filtered, StringComparison.Ordinal);
        foreach (var odd in new[] { "/training?level=abc&mode=%3Cscript%3E&from=yesterday&page=-4&topic=' OR 1=1 --", "/training?page=99999999999" })
        {
            Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(odd)).StatusCode);
        }

        var sessionPage = await browser.GetPageAsync($"/training/sessions/{first.Id}");
        Assert.Contains("Northdale Civic Centre", sessionPage, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync("/training/sessions/987654")).StatusCode);

        var feed = await browser.GetAsync("/training/calendar.ics");
        Assert.Equal("text/calendar", feed.Content.Headers.ContentType?.MediaType);
        var calendar = Calendar.Load(await feed.Content.ReadAsStringAsync())!;
        Assert.Equal(2, calendar.Events.Count);
        Assert.Contains(calendar.Events, e => e.Summary == "Child exploitation" && e.DtStart!.AsUtc == second.StartsAt);
        Assert.Equal(2, calendar.Events.Select(e => e.Uid).Distinct().Count());

        var single = Calendar.Load(await (await browser.GetAsync($"/training/sessions/{first.Id}/calendar.ics")).Content.ReadAsStringAsync())!;
        Assert.Equal(first.EndsAt, Assert.Single(single.Events).DtEnd!.AsUtc);
    }

    internal static Dictionary<string, string> Registration(int organisationId, string email, string name = "Sam Taylor", string manager = "head.teacher@schools.example") => new()
    {
        ["Email"] = email, ["Name"] = name, ["JobRole"] = "Class teacher", ["Organisation"] = organisationId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["WorkArea"] = "Northdale East", ["ManagerEmail"] = manager,
    };

    /// <summary>Asks for a sign-in link and follows it, as a returning learner does.</summary>
    internal static async Task<BrowserClient> SignInAsync(LearningTestSite site, string email)
    {
        var browser = site.NewClient();
        var asked = await browser.SubmitAsync("/training/account/sign-in", "/training/account/sign-in", new() { ["email"] = email });
        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        var mail = await site.Sink.WaitForMessageAsync(m => m.EnvelopeTo.Contains(email) && m.Subject.Contains("sign in", StringComparison.Ordinal), LearningTestSite.MailWait);
        var signedIn = await LearningTestSite.FollowAndSubmitAsync(browser, LearningTestSite.LinkIn(mail, "/training/account/sign-in/link"));
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        return browser;
    }
}
