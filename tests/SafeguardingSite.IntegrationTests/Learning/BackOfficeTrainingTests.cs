using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SafeguardingSite.BackOffice.Data;
using SafeguardingSite.Learning.Model;
using SafeguardingSite.Platform.Data;
using SafeguardingSite.Testing;

namespace SafeguardingSite.IntegrationTests.Learning;

/// <summary>The training team's screens: catalogue forms with validation, and the audited booking actions.</summary>
public class BackOfficeTrainingTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Courses_sessions_and_organisations_are_created_through_the_forms_and_hostile_input_is_refused(DatabaseProvider provider)
    {
        await using var site = await LearningTestSite.StartAsync(provider);
        using var admin = await site.SignInAdministratorAsync();

        var course = await admin.SubmitAsync("/umbraco/training/courses/new", "/umbraco/training/courses/new", new()
        {
            ["Title"] = "Domestic abuse and children", ["Summary"] = "The impact of domestic abuse on children.", ["LearningOutcomes"] = "Spot the signs\nRespond safely",
            ["Level"] = "2", ["Audience"] = "All practitioners", ["DurationMinutes"] = "210", ["DeliveryMode"] = "LiveOnline", ["Topics"] = "Domestic abuse, Neglect",
            ["IsPublished"] = "true",
        });
        Assert.Equal(HttpStatusCode.Redirect, course.StatusCode);

        var hostile = new Dictionary<string, string>[]
        {
            new() { ["Title"] = "", ["Summary"] = "x", ["LearningOutcomes"] = "x", ["Level"] = "2", ["Audience"] = "x", ["DurationMinutes"] = "60", ["DeliveryMode"] = "FaceToFace" },
            new() { ["Title"] = new string('t', 3000), ["Summary"] = "x", ["LearningOutcomes"] = "x", ["Level"] = "2", ["Audience"] = "x", ["DurationMinutes"] = "60", ["DeliveryMode"] = "FaceToFace" },
            new() { ["Title"] = "Ok", ["Slug"] = "<script>", ["Summary"] = "x", ["LearningOutcomes"] = "x", ["Level"] = "9", ["Audience"] = "x", ["DurationMinutes"] = "sixty", ["DeliveryMode"] = "17" },
            new() { ["Title"] = "Ok'; DELETE FROM learning_courses; --", ["Slug"] = "domestic-abuse-and-children", ["Summary"] = "x", ["LearningOutcomes"] = "x", ["Level"] = "1", ["Audience"] = "x", ["DurationMinutes"] = "60", ["DeliveryMode"] = "FaceToFace" },
        };
        foreach (var fields in hostile)
        {
            var refused = await admin.SubmitAsync("/umbraco/training/courses/new", "/umbraco/training/courses/new", fields);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains("There is a problem", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        int courseId;
        await using (var db = site.Db())
        {
            var saved = await db.Courses.Include(c => c.Topics).SingleAsync();
            Assert.Equal("domestic-abuse-and-children", saved.Slug);
            Assert.Equal(["Domestic abuse", "Neglect"], saved.Topics.Select(t => t.Name).Order().ToArray());
            courseId = saved.Id;
        }

        var badSession = await admin.SubmitAsync("/umbraco/training/sessions/new", "/umbraco/training/sessions/new", new()
        {
            ["CourseId"] = courseId.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Dates"] = "2026-12-08 12:30-09:30\n<b>tomorrow</b>", ["Capacity"] = "-1",
            ["JoiningLink"] = "javascript:alert(1)", ["Status"] = "Scheduled",
        });
        Assert.Equal(HttpStatusCode.BadRequest, badSession.StatusCode);

        var session = await admin.SubmitAsync("/umbraco/training/sessions/new", "/umbraco/training/sessions/new", new()
        {
            ["CourseId"] = courseId.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Dates"] = "2026-12-08 09:30-12:30\n2026-12-15 09:30-12:30",
            ["JoiningLink"] = "https://meet.example/abc", ["Capacity"] = "16", ["OrganisationQuota"] = "4", ["Status"] = "Scheduled", ["Trainer"] = "Alex Morgan",
        });
        Assert.Equal(HttpStatusCode.Redirect, session.StatusCode);

        var organisation = await admin.SubmitAsync("/umbraco/training/organisations/new", "/umbraco/training/organisations/new", new()
        {
            ["Name"] = "Northdale Police", ["Sector"] = "Police", ["IsPartnerAgency"] = "true", ["IsChargeExempt"] = "true", ["IsActive"] = "true",
        });
        Assert.Equal(HttpStatusCode.Redirect, organisation.StatusCode);

        await using (var db = site.Db())
        {
            var saved = await db.Sessions.Include(s => s.Dates).SingleAsync();
            Assert.Equal(2, saved.Dates.Count);
            Assert.Equal(new DateTime(2026, 12, 8, 9, 30, 0, DateTimeKind.Utc), saved.StartsAt); // UK time is UTC in December
            Assert.Equal(new DateTime(2026, 12, 15, 12, 30, 0, DateTimeKind.Utc), saved.EndsAt);
            Assert.Equal(4, saved.OrganisationQuota);
            var police = await db.Organisations.SingleAsync();
            Assert.True(police.IsPartnerAgency && police.IsChargeExempt && police.IsActive);
        }

        var listed = await admin.GetPageAsync("/umbraco/training/sessions");
        Assert.Contains("Domestic abuse and children", listed, StringComparison.Ordinal);
        Assert.Contains("0 of 16", listed, StringComparison.Ordinal);

        using var anonymous = site.NewClient();
        Assert.Equal(HttpStatusCode.Redirect, (await anonymous.GetAsync("/umbraco/training/courses")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Late_bookings_moves_and_released_places_are_applied_and_audited(DatabaseProvider provider)
    {
        await using var site = await LearningTestSite.StartAsync(provider);
        var organisation = await site.AddOrganisationAsync();
        var closed = await site.AddSessionAsync(capacity: 2);
        var other = await site.AddSessionAsync(capacity: 2, startsIn: TimeSpan.FromDays(60));
        await using (var db = site.Db())
        {
            await db.Sessions.Where(s => s.Id == closed.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.BookingClosesAt, site.Now.AddDays(-1)));
        }

        var learners = await site.AddLearnersAsync(3, organisation.Id);
        using var admin = await site.SignInAdministratorAsync();
        var bookingsPage = $"/umbraco/training/sessions/{closed.Id}/bookings";

        var unknown = await admin.SubmitAsync(bookingsPage, $"/umbraco/training/sessions/{closed.Id}/bookings/late", new() { ["email"] = "nobody@schools.example" });
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        foreach (var learner in learners.Take(2))
        {
            var late = await admin.SubmitAsync(bookingsPage, $"/umbraco/training/sessions/{closed.Id}/bookings/late", new() { ["email"] = learner.Email });
            Assert.Equal(HttpStatusCode.Redirect, late.StatusCode);
        }

        var full = await admin.SubmitAsync(bookingsPage, $"/umbraco/training/sessions/{closed.Id}/bookings/late", new() { ["email"] = learners[2].Email });
        Assert.Equal(HttpStatusCode.BadRequest, full.StatusCode);
        Assert.Contains("The session is full", await full.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        int first, second;
        await using (var db = site.Db())
        {
            var ids = await db.Bookings.Where(b => b.SessionId == closed.Id).OrderBy(b => b.Id).Select(b => b.Id).ToListAsync();
            (first, second) = (ids[0], ids[1]);
        }

        var moved = await admin.SubmitAsync(bookingsPage, $"/umbraco/training/bookings/{first}/move", new() { ["targetSession"] = other.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        var noReason = await admin.SubmitAsync(bookingsPage, $"/umbraco/training/bookings/{second}/release", new() { ["reason"] = "" });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        var released = await admin.SubmitAsync(bookingsPage, $"/umbraco/training/bookings/{second}/release", new() { ["reason"] = "Off sick on the day" });
        Assert.Equal(HttpStatusCode.Redirect, released.StatusCode);

        await using (var db = site.Db())
        {
            Assert.Equal(BookingStatus.Moved, (await db.Bookings.SingleAsync(b => b.Id == first)).Status);
            Assert.Equal(BookingStatus.Confirmed, (await db.Bookings.SingleAsync(b => b.SessionId == other.Id && b.LearnerId == learners[0].Id)).Status);
            Assert.Equal(BookingStatus.Cancelled, (await db.Bookings.SingleAsync(b => b.Id == second)).Status);
            Assert.Equal(0, (await db.Sessions.SingleAsync(s => s.Id == closed.Id)).PlacesTaken);
            Assert.Equal(1, (await db.Sessions.SingleAsync(s => s.Id == other.Id)).PlacesTaken);
        }

        await using var audit = site.Site.Services.GetRequiredService<IDbContextFactory<BackOfficeDbContext>>().CreateDbContext();
        var actions = await audit.Audit.Where(a => a.Action.StartsWith("training: ")).Select(a => a.Action).ToListAsync();
        Assert.Equal(2, actions.Count(a => a == "training: late booking added"));
        Assert.Single(actions, a => a == "training: learner moved");
        Assert.Single(actions, a => a == "training: place released");
    }
}
