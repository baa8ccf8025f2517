using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SafeguardingSite.IntegrationTests.BackOffice;
using SafeguardingSite.Learning.Cancellation;
using SafeguardingSite.Learning.Charging;
using SafeguardingSite.Learning.Model;
using SafeguardingSite.Learning.Registers;
using SafeguardingSite.Platform.Data;
using SafeguardingSite.Testing;

namespace SafeguardingSite.IntegrationTests.LearningCharging;

/// <summary>A trainer's register through the back office: drafts, the confirmed close, the charges it raises once, and their notices.</summary>
[Collection(ChargingSites.Collection)]
public class RegisterChargingTests(ChargingSites sites)
{
    private static readonly TimeSpan MailWait = TimeSpan.FromSeconds(30);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Closing_raises_exactly_the_no_show_and_late_cancellation_charges_once(DatabaseProvider provider)
    {
        var site = await sites.ForAsync(provider);
        await site.SignInAgainAsync();
        var policy = await site.Service<ChargingPolicyService>().SaveAsync(ChargingTerms.Default with
        {
            FullDay = new BandRates(LateCancellation: 45m, NoShow: 70m),
        }, "test", CancellationToken.None);
        var council = await site.AddOrganisationAsync("Northdale Council");
        var exempt = await site.AddOrganisationAsync("Trainer-providing agency", exempt: true);
        var session = await site.AddSessionAsync(TimeSpan.FromDays(2));
        var attended = await site.AddBookingAsync(session.SessionId, council, "Asha Attended");
        var partly = await site.AddBookingAsync(session.SessionId, council, "Parveen Partly");
        var late = await site.AddBookingAsync(session.SessionId, council, "Leon Late");
        var noShow = await site.AddBookingAsync(session.SessionId, council, "Nadia Noshow");
        var exemptNoShow = await site.AddBookingAsync(session.SessionId, exempt, "Eddie Exempt");
        var lateCancelled = await site.AddBookingAsync(session.SessionId, council, "Carla Cancelled", BookingStatus.Cancelled);
        var earlyCancelled = await site.AddBookingAsync(session.SessionId, council, "Evan Early", BookingStatus.Cancelled);
        await using (var db = site.Db())
        {
            db.AddRange(
                new SelfCancellation { BookingId = lateCancelled.BookingId, CancelledAt = site.Now, IsLate = true, FreeUntil = site.Now.AddDays(-1), PolicyVersionId = policy.Id, QuotedAmount = 45m },
                new SelfCancellation { BookingId = earlyCancelled.BookingId, CancelledAt = site.Now, IsLate = false, FreeUntil = site.Now.AddDays(1), PolicyVersionId = policy.Id });
            await db.SaveChangesAsync();
        }

        var path = $"/umbraco/registers/{session.SessionId}";
        var marks = new Dictionary<string, string>
        {
            [RegisterService.FieldFor(attended.BookingId)] = nameof(Attendance.Attended),
            [RegisterService.FieldFor(partly.BookingId)] = nameof(Attendance.PartlyAttended),
            [RegisterService.FieldFor(late.BookingId)] = nameof(Attendance.Late),
            ["command"] = RegistersController.SaveAction,
        };
        Assert.Equal(HttpStatusCode.Redirect, (await site.Trainer.SubmitAsync(path, path, marks)).StatusCode);
        var draft = await site.Trainer.GetPageAsync(path);
        Assert.Contains("Draft saved", draft, StringComparison.Ordinal);
        Assert.DoesNotContain("Carla Cancelled", draft, StringComparison.Ordinal);
        Assert.Contains($"/umbraco/registers/{session.SessionId}", await site.Trainer.GetPageAsync("/umbraco/registers"), StringComparison.Ordinal);

        // Closing with learners still unmarked names each of them.
        marks["command"] = RegistersController.CloseAction;
        var incomplete = await site.Trainer.SubmitAsync(path, path, marks);
        Assert.Equal(HttpStatusCode.BadRequest, incomplete.StatusCode);
        Assert.Contains("Choose how Nadia Noshow attended", await incomplete.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        marks[RegisterService.FieldFor(noShow.BookingId)] = nameof(Attendance.NoShow);
        marks[RegisterService.FieldFor(exemptNoShow.BookingId)] = nameof(Attendance.NoShow);
        var toConfirm = await site.Trainer.SubmitAsync(path, path, marks);
        Assert.Equal(HttpStatusCode.Redirect, toConfirm.StatusCode);
        Assert.Equal(path + "/close", toConfirm.Headers.Location!.OriginalString);

        // Before the session starts the close is refused and nothing is charged.
        var early = await site.Trainer.SubmitAsync(path + "/close", path + "/close", []);
        Assert.Equal(HttpStatusCode.Redirect, early.StatusCode);
        Assert.Contains("once the session has started", await site.Trainer.GetPageAsync(path), StringComparison.Ordinal);
        Assert.Empty(await site.ChargesForSessionAsync(session.SessionId));

        site.Clock.Advance(TimeSpan.FromDays(2.1));
        await site.SignInAgainAsync();
        var confirm = await site.Trainer.GetPageAsync(path + "/close");
        var confirmText = WebUtility.HtmlDecode(confirm);
        Assert.Contains("Yes, close the register", confirm, StringComparison.Ordinal);
        Assert.Contains("Nadia Noshow: no-show, £70.00", confirmText, StringComparison.Ordinal);
        Assert.DoesNotContain("Eddie Exempt:", confirm, StringComparison.Ordinal);

        // A double click: two closes at once.
        var token = BrowserClient.TokenIn(confirm);
        var form = new Dictionary<string, string> { ["__RequestVerificationToken"] = token };
        var closes = await Task.WhenAll(
            site.Trainer.Http.PostAsync(path + "/close", new FormUrlEncodedContent(form)),
            site.Trainer.Http.PostAsync(path + "/close", new FormUrlEncodedContent(form)));
        Assert.All(closes, r => Assert.Equal(HttpStatusCode.Redirect, r.StatusCode));
        Assert.Equal(HttpStatusCode.Redirect, (await site.Trainer.Http.PostAsync(path + "/close", new FormUrlEncodedContent(form))).StatusCode);

        var charges = await site.ChargesForSessionAsync(session.SessionId);
        Assert.Equal(
            [(noShow.BookingId, ChargeKind.NoShow, 70m), (lateCancelled.BookingId, ChargeKind.LateCancellation, 45m)],
            charges.Select(c => (c.BookingId, c.Kind, c.Amount)).OrderBy(c => c.Kind).ToList());
        Assert.All(charges, c =>
        {
            Assert.Equal(policy.Version, c.PolicyVersion);
            Assert.Equal(ChargeBand.FullDay, c.Band);
            Assert.Equal(ChargeStatus.Raised, c.Status);
            Assert.Equal(70m, ChargeLedger.ReadSnapshot(c.PolicySnapshot)!.FullDay.NoShow);
            Assert.Equal(ChargingTestSite.TrainerEmail, c.RaisedBy);
        });

        await using (var db = site.Db())
        {
            Assert.Equal(RegisterStatus.Closed, (await db.Set<SessionRegister>().SingleAsync(r => r.SessionId == session.SessionId)).Status);
            Assert.Equal(5, await db.Set<RegisterMark>().CountAsync(m => m.SessionId == session.SessionId));
        }

        var sheet = await site.Trainer.GetPageAsync(path);
        Assert.Contains("This register was closed", sheet, StringComparison.Ordinal);
        Assert.DoesNotContain("Save draft", sheet, StringComparison.Ordinal);

        // Each charge is told to the learner with the manager copied, once, even when the sweep runs again.
        foreach (var booking in new[] { noShow, lateCancelled })
        {
            var email = await EmailOfAsync(site, booking.LearnerId);
            var message = await site.Mail.WaitForMessageAsync(m => m.EnvelopeTo.Contains(email), MailWait);
            Assert.Equal(2, message.EnvelopeTo.Count);
            Assert.Contains("Training charge of £", message.Subject, StringComparison.Ordinal);
        }

        await Eventually.HoldsAsync(async () => (await site.ChargesForSessionAsync(session.SessionId)).All(c => c.NotifiedAt is not null), MailWait, "charges marked as notified");
        await using (var scope = site.Service<IServiceScopeFactory>().CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ChargeNotifier>().NotifyPendingAsync(CancellationToken.None);
        }

        var noShowEmail = await EmailOfAsync(site, noShow.LearnerId);
        Assert.Single(site.Mail.Messages, m => m.EnvelopeTo.Contains(noShowEmail));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Register_forms_refuse_hostile_marks_and_strangers(DatabaseProvider provider)
    {
        var site = await sites.ForAsync(provider);
        await site.SignInAgainAsync();
        var council = await site.AddOrganisationAsync("Northdale Council");
        var session = await site.AddSessionAsync(TimeSpan.FromDays(1));
        var booking = await site.AddBookingAsync(session.SessionId, council, "<script>alert('x')</script>");
        var path = $"/umbraco/registers/{session.SessionId}";

        var page = await site.Trainer.GetPageAsync(path);
        Assert.DoesNotContain("<script>alert", page, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", page, StringComparison.Ordinal);

        foreach (var hostile in new[] { "1", "NoShow,Attended", "'; DELETE FROM learning_charges;--", new string('x', 100_000), "<b>Attended</b>" })
        {
            var response = await site.Trainer.SubmitAsync(path, path, new() { [RegisterService.FieldFor(booking.BookingId)] = hostile, ["command"] = RegistersController.SaveAction });
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains("Choose attended, partly attended, late or no-show", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var unknown = await site.Trainer.SubmitAsync(path, path, new() { ["command"] = "drop" });
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("application/problem+json", unknown.Content.Headers.ContentType!.ToString(), StringComparison.Ordinal);

        var withoutToken = await site.Trainer.PostWithoutTokenAsync(path, new() { ["command"] = RegistersController.SaveAction });
        Assert.Equal(HttpStatusCode.BadRequest, withoutToken.StatusCode);

        // A trainer who is not named on a session cannot open its register; nor can anyone signed out.
        await using (var db = site.Db())
        {
            await db.Set<CourseSession>().Where(s => s.Id == session.SessionId).ExecuteUpdateAsync(s => s.SetProperty(x => x.Trainer, "someone.else@northdale-scp.example"));
        }

        Assert.Equal(HttpStatusCode.NotFound, (await site.Trainer.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await site.Administrator.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await site.NewClient().GetAsync(path)).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await site.Trainer.GetAsync("/umbraco/charges")).StatusCode);
        Assert.Empty(await site.ChargesForSessionAsync(session.SessionId));
    }

    private static async Task<string> EmailOfAsync(ChargingTestSite site, int learnerId)
    {
        await using var db = site.Db();
        return await db.Set<Learner>().Where(l => l.Id == learnerId).Select(l => l.Email).SingleAsync();
    }
}
