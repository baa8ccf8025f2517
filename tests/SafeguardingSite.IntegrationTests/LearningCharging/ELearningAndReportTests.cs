using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using SafeguardingSite.IntegrationTests.BackOffice;
using SafeguardingSite.IntegrationTests.Learning;
using SafeguardingSite.Learning.Bookings;
using SafeguardingSite.Learning.Certificates;
using SafeguardingSite.Learning.Cancellation;
using SafeguardingSite.Learning.Charging;
using SafeguardingSite.Learning.ELearning;
using SafeguardingSite.Learning.Evaluation;
using SafeguardingSite.Learning.Model;
using SafeguardingSite.Learning.Registers;
using SafeguardingSite.Learning.Reports;
using SafeguardingSite.Platform.Data;
using SafeguardingSite.Testing;
using SafeguardingSite.Web.LearningEvaluation;
using UglyToad.PdfPig;

namespace SafeguardingSite.IntegrationTests.LearningCharging;

/// <summary>
/// Cancelling from "My bookings", e-learning and the training reports, on the charging collection's shared site per
/// provider (no host of their own).
/// </summary>
[Collection(ChargingSites.Collection)]
public class ELearningAndReportTests(ChargingSites sites)
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_signed_in_learner_cancelling_inside_the_cut_off_is_told_the_charge_and_is_charged(DatabaseProvider provider)
    {
        var site = await sites.ForAsync(provider);
        await site.SignInAgainAsync();
        await site.Service<ChargingPolicyService>().SaveAsync(ChargingTerms.Default, "test", CancellationToken.None);
        var council = await site.AddOrganisationAsync("Account Council");
        var session = await site.AddSessionAsync(TimeSpan.FromDays(2));
        var booking = await site.AddBookingAsync(session.SessionId, council, "Ash Account");
        var someoneElse = await site.AddBookingAsync(session.SessionId, council, "Other Person");
        using var browser = await SignInLearnerAsync(site, booking.LearnerId);

        var bookings = await browser.GetPageAsync("/training/account/bookings");
        Assert.Contains($"/training/account/bookings/{booking.BookingId}/cancel", bookings, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"/training/account/bookings/{someoneElse.BookingId}/cancel")).StatusCode);

        var redirect = await browser.GetAsync($"/training/account/bookings/{booking.BookingId}/cancel");
        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        var cancelPath = redirect.Headers.Location!.OriginalString;
        Assert.StartsWith(BookingLinks.CancelPath + "?token=", cancelPath, StringComparison.Ordinal);
        var cancelPage = WebUtility.HtmlDecode(await browser.GetPageAsync(cancelPath));
        Assert.Contains("You will be charged £50.00", cancelPage, StringComparison.Ordinal);
        Assert.Equal(BookingStatus.Confirmed, await StatusAsync(site, booking.BookingId));

        var token = Uri.UnescapeDataString(cancelPath[(BookingLinks.CancelPath + "?token=").Length..]);
        var done = await browser.SubmitAsync(cancelPath, BookingLinks.CancelPath, new() { ["token"] = token, ["acceptedAmount"] = "50.00" });
        Assert.Contains("a charge of £50.00 will be invoiced to", WebUtility.HtmlDecode(await done.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(BookingStatus.Cancelled, await StatusAsync(site, booking.BookingId));

        var charges = await site.CloseRegisterAsync(session, new Dictionary<int, Attendance> { [someoneElse.BookingId] = Attendance.Attended });
        var charge = Assert.Single(charges);
        Assert.Equal((booking.BookingId, ChargeKind.LateCancellation, 50m), (charge.BookingId, charge.Kind, charge.Amount));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task An_e_learning_course_is_built_in_the_back_office_resumed_between_visits_and_completed_on_a_pass_after_a_retake(DatabaseProvider provider)
    {
        var site = await sites.ForAsync(provider);
        await site.SignInAgainAsync();
        var admin = site.Administrator;
        var courseId = await AddCourseAsync(site, DeliveryMode.ELearning);
        var faceToFace = await AddCourseAsync(site, DeliveryMode.FaceToFace);
        var screen = $"/umbraco/training/courses/{courseId}/elearning";
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.SubmitAsync(screen, $"/umbraco/training/courses/{faceToFace}/elearning/modules", new() { ["ModuleTitle"] = "Basics" })).StatusCode);

        foreach (var (action, fields) in new (string, Dictionary<string, string>)[]
                 {
                     ("modules", new() { ["ModuleTitle"] = new string('x', 201) }),
                     ("modules", new() { ["ModuleTitle"] = "" }),
                     ("questions", new() { ["QuestionText"] = "Who?", ["QuestionOptions"] = "Only one", ["QuestionCorrect"] = "1" }),
                     ("questions", new() { ["QuestionText"] = "Who?", ["QuestionOptions"] = "A\nB", ["QuestionCorrect"] = "3; DROP TABLE learning_courses" }),
                     ("pass-mark", new() { ["passMark"] = "101" }),
                     ("pass-mark", new() { ["passMark"] = "<script>" }),
                 })
        {
            var refused = await admin.SubmitAsync(screen, $"{screen}/{action}", fields);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains("There is a problem", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitAsync(screen, $"{screen}/modules", new() { ["ModuleTitle"] = "Recognising neglect" })).StatusCode);
        int moduleId;
        await using (var db = site.Db())
        {
            moduleId = await db.Set<ELearningModule>().Where(m => m.CourseId == courseId).Select(m => m.Id).SingleAsync();
        }

        var module = moduleId.ToString(CultureInfo.InvariantCulture);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.SubmitAsync(screen, $"{screen}/pages", new() { ["PageModule"] = "999999", ["PageTitle"] = "T", ["PageKind"] = "Text", ["PageBody"] = "<p>x</p>" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.SubmitAsync(screen, $"{screen}/pages", new() { ["PageModule"] = module, ["PageTitle"] = "Video", ["PageKind"] = "Video", ["PageVideoUrl"] = "javascript:alert(1)" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.SubmitAsync(screen, $"{screen}/pages", new() { ["PageModule"] = module, ["PageTitle"] = "Empty", ["PageKind"] = "Text", ["PageBody"] = "<script>alert(1)</script>" })).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitAsync(screen, $"{screen}/pages", new() { ["PageModule"] = module, ["PageTitle"] = "Signs of neglect", ["PageKind"] = "Text", ["PageBody"] = "<p onclick=\"steal()\">Look for <strong>patterns</strong>.</p><script>alert(1)</script>" })).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitAsync(screen, $"{screen}/pages", new() { ["PageModule"] = module, ["PageTitle"] = "A practitioner's story", ["PageKind"] = "Video", ["PageVideoUrl"] = "https://www.youtube.com/watch?v=abc123XYZ", ["PageBody"] = "<p>Transcript.</p>" })).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitAsync(screen, $"{screen}/questions", new() { ["QuestionText"] = "What matters most?", ["QuestionOptions"] = "A single incident\nA pattern over time\nThe weather", ["QuestionCorrect"] = "2" })).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitAsync(screen, $"{screen}/questions", new() { ["QuestionText"] = "Who do you tell?", ["QuestionOptions"] = "Nobody\nYour safeguarding lead", ["QuestionCorrect"] = "2" })).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitAsync(screen, $"{screen}/pass-mark", new() { ["passMark"] = "100" })).StatusCode);

        List<ELearningPage> pages;
        List<int> questions;
        string slug;
        await using (var db = site.Db())
        {
            pages = await db.Set<ELearningPage>().Where(p => p.ModuleId == moduleId).OrderBy(p => p.Position).ToListAsync();
            questions = await db.Set<ELearningQuestion>().Where(q => q.CourseId == courseId).OrderBy(q => q.Position).Select(q => q.Id).ToListAsync();
            slug = await db.Courses.Where(c => c.Id == courseId).Select(c => c.Slug).SingleAsync();
        }

        Assert.DoesNotContain("script", pages[0].BodyHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("onclick", pages[0].BodyHtml, StringComparison.Ordinal);
        Assert.Contains("<strong>patterns</strong>", pages[0].BodyHtml, StringComparison.Ordinal);

        var organisation = await site.AddOrganisationAsync("E-learning Trust", OrganisationSector.Health);
        var holder = await site.AddBookingAsync((await site.AddSessionAsync(TimeSpan.FromDays(30))).SessionId, organisation, "Eli Learner");
        Assert.Equal(HttpStatusCode.Redirect, (await site.NewClient().GetAsync(ELearningPaths.Course(slug))).StatusCode);
        using (var firstVisit = await SignInLearnerAsync(site, holder.LearnerId))
        {
            Assert.Contains("Start: Signs of neglect", WebUtility.HtmlDecode(await firstVisit.GetPageAsync(ELearningPaths.Course(slug))), StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.Redirect, (await firstVisit.GetAsync(ELearningPaths.Check(slug))).StatusCode);
            var next = await firstVisit.SubmitAsync(ELearningPaths.Page(slug, pages[0].Id), ELearningPaths.Page(slug, pages[0].Id), []);
            Assert.Equal(ELearningPaths.Page(slug, pages[1].Id), next.Headers.Location!.OriginalString);
        }

        using var learner = await SignInLearnerAsync(site, holder.LearnerId);
        Assert.Contains("Continue: A practitioner's story", WebUtility.HtmlDecode(await learner.GetPageAsync(ELearningPaths.Course(slug))), StringComparison.Ordinal);
        var video = await learner.GetPageAsync(ELearningPaths.Page(slug, pages[1].Id));
        Assert.Contains("https://www.youtube-nocookie.com/embed/abc123XYZ", video, StringComparison.Ordinal);
        var toCheck = await learner.SubmitAsync(ELearningPaths.Page(slug, pages[1].Id), ELearningPaths.Page(slug, pages[1].Id), []);
        Assert.Equal(ELearningPaths.Check(slug), toCheck.Headers.Location!.OriginalString);

        var check = ELearningPaths.Check(slug);
        string Field(int i) => ELearningService.AnswerField(questions[i]);
        foreach (var hostile in new Dictionary<string, string>[] { new() { [Field(0)] = "2" }, new() { [Field(0)] = "2", [Field(1)] = "9" }, new() { [Field(0)] = "<script>", [Field(1)] = "1 OR 1=1" } })
        {
            Assert.Equal(HttpStatusCode.BadRequest, (await learner.SubmitAsync(check, check, hostile)).StatusCode);
        }

        var failed = await learner.SubmitAsync(check, check, new() { [Field(0)] = "2", [Field(1)] = "1" });
        Assert.Contains("Not passed this time", await failed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var passed = await learner.SubmitAsync(check, check, new() { [Field(0)] = "2", [Field(1)] = "2" });
        Assert.Contains("You have completed the course", await passed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await learner.SubmitAsync(check, check, new() { [Field(0)] = "2", [Field(1)] = "2" });

        await using (var db = site.Db())
        {
            Assert.Equal([false, true, true], await db.Set<ELearningAttempt>().Where(a => a.CourseId == courseId).OrderBy(a => a.Id).Select(a => a.Passed).ToListAsync());
            var completion = await db.Set<ELearningCompletion>().SingleAsync(c => c.CourseId == courseId);
            Assert.Equal((holder.LearnerId, organisation), (completion.LearnerId, completion.OrganisationId));
        }

        var today = WorkingDayCalendar.UkDate(site.Now);
        await using var scope = site.Service<IServiceScopeFactory>().CreateAsyncScope();
        var report = await scope.ServiceProvider.GetRequiredService<TrainingReportService>()
            .BuildAsync(new ReportQuery(ReportDimension.Organisation, new ReportPeriod(today, today)), CancellationToken.None);
        var row = Assert.Single(report.Rows, r => r.Key.Id == organisation.ToString(CultureInfo.InvariantCulture));
        Assert.Equal(1, row.Values[report.Headings.ToList().IndexOf("E-learning completions")]);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Pages_and_questions_are_changed_in_place_and_reordered_keeping_learners_progress(DatabaseProvider provider)
    {
        var site = await sites.ForAsync(provider);
        await site.SignInAgainAsync();
        var admin = site.Administrator;
        var courseId = await AddCourseAsync(site, DeliveryMode.ELearning);
        var otherCourse = await AddCourseAsync(site, DeliveryMode.ELearning);
        var screen = $"/umbraco/training/courses/{courseId}/elearning";
        foreach (var title in new[] { "Basics", "Next steps" })
        {
            Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitAsync(screen, $"{screen}/modules", new() { ["ModuleTitle"] = title })).StatusCode);
        }

        int[] modules;
        await using (var db = site.Db())
        {
            modules = await db.Set<ELearningModule>().Where(m => m.CourseId == courseId).OrderBy(m => m.Position).Select(m => m.Id).ToArrayAsync();
        }

        var basics = modules[0].ToString(CultureInfo.InvariantCulture);
        foreach (var title in new[] { "First", "Second", "Third" })
        {
            Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitAsync(screen, $"{screen}/pages", new() { ["PageModule"] = basics, ["PageTitle"] = title, ["PageKind"] = "Text", ["PageBody"] = $"<p>{title} page.</p>" })).StatusCode);
        }

        foreach (var text in new[] { "Question one?", "Question two?" })
        {
            Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitAsync(screen, $"{screen}/questions", new() { ["QuestionText"] = text, ["QuestionOptions"] = "Yes\nNo", ["QuestionCorrect"] = "1" })).StatusCode);
        }

        async Task<(List<string> Pages, List<string> Questions)> OrderAsync()
        {
            await using var db = site.Db();
            var pages = await db.Set<ELearningPage>().Where(p => p.ModuleId == modules[0]).OrderBy(p => p.Position).Select(p => p.Title).ToListAsync();
            var questions = await db.Set<ELearningQuestion>().Where(q => q.CourseId == courseId).OrderBy(q => q.Position).Select(q => q.Text).ToListAsync();
            return (pages, questions);
        }

        int PageId(string title)
        {
            using var db = site.Db();
            return db.Set<ELearningPage>().Where(p => p.ModuleId == modules[0] && p.Title == title).Select(p => p.Id).Single();
        }

        var second = PageId("Second");
        var editPage = $"{screen}/pages/{second}/edit";
        var form = WebUtility.HtmlDecode(await admin.GetPageAsync(editPage));
        Assert.Contains("Second page.", form, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/umbraco/training/courses/{otherCourse}/elearning/pages/{second}/edit")).StatusCode);

        var hostile = await admin.SubmitAsync(editPage, editPage, new() { ["PageModule"] = basics, ["PageTitle"] = new string('x', 201), ["PageKind"] = "Text", ["PageBody"] = "<p>Kept.</p>" });
        Assert.Equal(HttpStatusCode.BadRequest, hostile.StatusCode);
        var refusedPage = WebUtility.HtmlDecode(await hostile.Content.ReadAsStringAsync());
        Assert.Contains("Keep the page's title to 200 characters or fewer", refusedPage, StringComparison.Ordinal);
        Assert.Contains("<p>Kept.</p>", refusedPage, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.SubmitAsync(editPage, editPage, new() { ["PageModule"] = "1 OR 1=1", ["PageTitle"] = "T", ["PageKind"] = "Text", ["PageBody"] = "<p>x</p>" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.SubmitAsync(editPage, editPage, new() { ["PageModule"] = basics, ["PageTitle"] = "T", ["PageKind"] = "Audio", ["PageBody"] = "<p>x</p>" })).StatusCode);

        var changed = await admin.SubmitAsync(editPage, editPage, new() { ["PageModule"] = basics, ["PageTitle"] = "Second, changed", ["PageKind"] = "Text", ["PageBody"] = "<p>New words.</p><script>alert(1)</script>" });
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.EndsWith($"#page-{second}", changed.Headers.Location!.OriginalString, StringComparison.Ordinal);
        await using (var db = site.Db())
        {
            var page = await db.Set<ELearningPage>().SingleAsync(p => p.Id == second);
            Assert.Equal(("Second, changed", "<p>New words.</p>"), (page.Title, page.BodyHtml));
        }

        var move = $"{screen}/pages/{second}/move";
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.SubmitAsync(screen, move, new() { ["direction"] = "sideways" })).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitAsync(screen, move, new() { ["direction"] = "up" })).StatusCode);
        Assert.Equal(["Second, changed", "First", "Third"], (await OrderAsync()).Pages);
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitAsync(screen, move, new() { ["direction"] = "up" })).StatusCode);
        Assert.Equal(["Second, changed", "First", "Third"], (await OrderAsync()).Pages);
        var third = PageId("Third");
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitAsync(screen, $"{screen}/pages/{third}/move", new() { ["direction"] = "up" })).StatusCode);
        Assert.Equal(["Second, changed", "Third", "First"], (await OrderAsync()).Pages);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.SubmitAsync(screen, $"/umbraco/training/courses/{otherCourse}/elearning/pages/{third}/move", new() { ["direction"] = "down" })).StatusCode);

        var toNextModule = await admin.SubmitAsync(editPage, editPage, new() { ["PageModule"] = modules[1].ToString(CultureInfo.InvariantCulture), ["PageTitle"] = "Second, changed", ["PageKind"] = "Text", ["PageBody"] = "<p>New words.</p>" });
        Assert.Equal(HttpStatusCode.Redirect, toNextModule.StatusCode);
        Assert.Equal(["Third", "First"], (await OrderAsync()).Pages);

        int firstQuestion;
        await using (var db = site.Db())
        {
            firstQuestion = await db.Set<ELearningQuestion>().Where(q => q.CourseId == courseId).OrderBy(q => q.Position).Select(q => q.Id).FirstAsync();
        }

        var editQuestion = $"{screen}/questions/{firstQuestion}/edit";
        Assert.Contains("Question one?", await admin.GetPageAsync(editQuestion), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.SubmitAsync(editQuestion, editQuestion, new() { ["QuestionText"] = "Question one?", ["QuestionOptions"] = "Yes\nNo", ["QuestionCorrect"] = "3" })).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitAsync(editQuestion, editQuestion, new() { ["QuestionText"] = "Question one, reworded?", ["QuestionOptions"] = "Yes\nNo\nNot sure", ["QuestionCorrect"] = "3" })).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitAsync(screen, $"{screen}/questions/{firstQuestion}/move", new() { ["direction"] = "down" })).StatusCode);
        Assert.Equal(["Question two?", "Question one, reworded?"], (await OrderAsync()).Questions);
        await using (var db = site.Db())
        {
            var question = await db.Set<ELearningQuestion>().SingleAsync(q => q.Id == firstQuestion);
            Assert.Equal(("Yes\nNo\nNot sure", 3), (question.Options, question.CorrectOption));
        }

        var outline = WebUtility.HtmlDecode(await admin.GetPageAsync(screen));
        Assert.Contains("Move down<span class=\"visually-hidden\"> question 1</span>", outline, StringComparison.Ordinal);
        Assert.DoesNotContain("Move down<span class=\"visually-hidden\"> question 2</span>", outline, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Passing_the_e_learning_check_issues_one_certificate_of_completion_that_downloads_verifies_and_loses_the_name_on_account_deletion(DatabaseProvider provider)
    {
        var site = await sites.ForAsync(provider);
        var courseId = await AddCourseAsync(site, DeliveryMode.ELearning, durationMinutes: 90);
        string slug, title;
        int pageId, questionId;
        await using (var db = site.Db())
        {
            var course = await db.Courses.SingleAsync(c => c.Id == courseId);
            (slug, title) = (course.Slug, course.Title);
            var module = new ELearningModule { CourseId = courseId, Position = 1, Title = "Early help", Pages = [new ELearningPage { Position = 1, Title = "What early help is", Kind = ELearningPageKind.Text, BodyHtml = "<p>Help early.</p>" }] };
            var question = new ELearningQuestion { CourseId = courseId, Position = 1, Text = "When is help best offered?", Options = "Early\nLate", CorrectOption = 1 };
            db.AddRange(module, question);
            await db.SaveChangesAsync();
            (pageId, questionId) = (module.Pages[0].Id, question.Id);
        }

        var organisation = await site.AddOrganisationAsync("Certificate Trust", OrganisationSector.Health);
        var session = await site.AddSessionAsync(TimeSpan.FromDays(40));
        var holder = await site.AddBookingAsync(session.SessionId, organisation, "Siân Zoë Ní Bhriain");
        var racer = await site.AddBookingAsync(session.SessionId, organisation, "Quinn Doubleclick");
        var check = ELearningPaths.Check(slug);
        var answer = ELearningService.AnswerField(questionId);

        using var learner = await SignInLearnerAsync(site, holder.LearnerId);
        await learner.SubmitAsync(ELearningPaths.Page(slug, pageId), ELearningPaths.Page(slug, pageId), []);
        Assert.Contains("Not passed this time", await (await learner.SubmitAsync(check, check, new() { [answer] = "2" })).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(await CertificatesOfAsync(site, holder.LearnerId));

        var passed = WebUtility.HtmlDecode(await (await learner.SubmitAsync(check, check, new() { [answer] = "1" })).Content.ReadAsStringAsync());
        Assert.Contains("Your certificate of completion is ready", passed, StringComparison.Ordinal);
        var certificate = Assert.Single(await CertificatesOfAsync(site, holder.LearnerId));
        var completedAt = await CompletedAtAsync(site, holder.LearnerId, courseId);
        Assert.Equal((null, null, title, completedAt, 90, "Siân Zoë Ní Bhriain"), (certificate.BookingId, certificate.SessionStartsAt, certificate.CourseTitle, certificate.CompletedAt, certificate.DurationMinutes, certificate.LearnerName));
        var pdfPath = EvaluationLinks.CertificatePdfPath(certificate.Id);
        Assert.Contains($"href=\"{pdfPath}\"", passed, StringComparison.Ordinal);

        // Passing again (or sending the form twice) finds the same certificate.
        Assert.Contains(pdfPath, await (await learner.SubmitAsync(check, check, new() { [answer] = "1" })).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal([certificate.Id], (await CertificatesOfAsync(site, holder.LearnerId)).Select(c => c.Id));
        Assert.Contains(pdfPath, await learner.GetPageAsync(ELearningPaths.Course(slug)), StringComparison.Ordinal);
        var list = WebUtility.HtmlDecode(await learner.GetPageAsync(EvaluationLinks.CertificatesPath));
        Assert.Contains(title, list, StringComparison.Ordinal);
        Assert.Contains("E-learning completed on " + CertificatePdf.DateLine(certificate), list, StringComparison.Ordinal);
        Assert.Contains(pdfPath, list, StringComparison.Ordinal);

        var download = await learner.GetAsync(pdfPath);
        Assert.Equal("application/pdf", download.Content.Headers.ContentType?.MediaType);
        using (var pdf = PdfDocument.Open(await download.Content.ReadAsByteArrayAsync()))
        {
            var text = string.Join("\n", pdf.GetPages().Select(p => p.Text));
            foreach (var expected in new[] { "Certificate of completion", "Siân Zoë Ní Bhriain", "completed the e-learning course", title, "on " + CertificatePdf.DateLine(certificate) + " (1.5 hours)", CertificateCode.Display(certificate.Code) })
            {
                Assert.Contains(expected, text, StringComparison.Ordinal);
            }

            Assert.DoesNotContain("attended", text, StringComparison.Ordinal);
        }

        // A character the embedded font lacks is drawn as '?' rather than failing the download; decomposed accents are composed.
        var unusual = new Certificate { ELearningCompletionId = 1, LearnerName = "Zoe\u0308 \u6F22 \U0001F600\tEnd", CourseTitle = "Title", CompletedAt = site.Now, Code = CertificateCode.New() };
        using (var pdf = PdfDocument.Open(CertificatePdf.Write(unusual, "Partnership", "https://example.test/verify")))
        {
            Assert.Contains("Zoë ? ? End", pdf.GetPage(1).Text, StringComparison.Ordinal);
        }

        // Two tabs passing at the same moment record one completion and one certificate, and both are shown it.
        await using (var scope = site.Service<IServiceScopeFactory>().CreateAsyncScope())
        {
            var service = scope.ServiceProvider.GetRequiredService<ELearningService>();
            await service.FinishPageAsync(racer.LearnerId, pageId, CancellationToken.None);
            var progress = (await service.ProgressAsync(slug, racer.LearnerId, CancellationToken.None))!;
            Learner racingLearner;
            await using (var db = site.Db())
            {
                racingLearner = await db.Learners.SingleAsync(l => l.Id == racer.LearnerId);
            }

            var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(async () =>
            {
                await using var tab = site.Service<IServiceScopeFactory>().CreateAsyncScope();
                return await tab.ServiceProvider.GetRequiredService<ELearningService>().SubmitAsync(progress, racingLearner, new Dictionary<string, string?> { [answer] = "1" }, CancellationToken.None);
            })));
            var only = Assert.Single(await CertificatesOfAsync(site, racer.LearnerId));
            Assert.All(results, r => Assert.Equal((CheckOutcome.Passed, only.Id), (r.Outcome, r.Certificate?.Id)));
            await using var db2 = site.Db();
            Assert.Equal(1, await db2.Set<ELearningCompletion>().CountAsync(c => c.LearnerId == racer.LearnerId && c.CourseId == courseId));
        }

        using (var other = await SignInLearnerAsync(site, racer.LearnerId))
        {
            Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(pdfPath)).StatusCode);
        }

        using var visitor = site.NewClient();
        var verified = WebUtility.HtmlDecode(await visitor.GetPageAsync(EvaluationLinks.VerifyCodePath(certificate.Code)));
        Assert.Contains("Certificate verified", verified, StringComparison.Ordinal);
        Assert.Contains("Siân Zoë Ní Bhriain", verified, StringComparison.Ordinal);
        Assert.Contains(title + " (e-learning)", verified, StringComparison.Ordinal);
        Assert.Contains("<dt>Completed on</dt><dd>" + CertificatePdf.DateLine(certificate) + "</dd>", verified, StringComparison.Ordinal);

        // The learner's own data export lists the completion, every attempt and the certificate.
        using (var export = JsonDocument.Parse(await learner.GetPageAsync("/training/account/export")))
        {
            var eLearning = export.RootElement.GetProperty("eLearning");
            Assert.Equal(title, Assert.Single(eLearning.GetProperty("completions").EnumerateArray()).GetProperty("course").GetString());
            Assert.Contains(eLearning.GetProperty("attempts").EnumerateArray(), a => a.GetProperty("passed").GetBoolean());
            Assert.Contains(eLearning.GetProperty("attempts").EnumerateArray(), a => !a.GetProperty("passed").GetBoolean());
            var exported = Assert.Single(export.RootElement.GetProperty("certificates").EnumerateArray());
            Assert.Equal((CertificateCode.Display(certificate.Code), "e-learning"), (exported.GetProperty("code").GetString(), exported.GetProperty("kind").GetString()));
        }

        Assert.Equal(HttpStatusCode.OK, (await learner.SubmitAsync("/training/account/delete", "/training/account/delete", [])).StatusCode);
        var anonymous = WebUtility.HtmlDecode(await visitor.GetPageAsync(EvaluationLinks.VerifyCodePath(certificate.Code)));
        Assert.Contains(Certificate.RemovedName, anonymous, StringComparison.Ordinal);
        Assert.Contains(title, anonymous, StringComparison.Ordinal);
        Assert.DoesNotContain("Siân", anonymous, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_report_counts_bookings_attendance_cancellations_demand_and_charges_and_exports_them_safely(DatabaseProvider provider)
    {
        var site = await sites.ForAsync(provider);
        await site.SignInAgainAsync();
        await site.Service<ChargingPolicyService>().SaveAsync(ChargingTerms.Default, "test", CancellationToken.None);
        var organisation = await site.AddOrganisationAsync("=1+2 Council");
        var session = await site.AddSessionAsync(TimeSpan.FromDays(2), capacity: 3, title: site.Unique("Report course"));
        var attends = await site.AddBookingAsync(session.SessionId, organisation, "Ada Attends");
        var absent = await site.AddBookingAsync(session.SessionId, organisation, "Ned Noshow");
        var cancels = await site.AddBookingAsync(session.SessionId, organisation, "Lee Late");
        var waiter = await site.AddBookingAsync(session.SessionId, organisation, "Wyn Waits", BookingStatus.Cancelled);
        await using (var scope = site.Service<IServiceScopeFactory>().CreateAsyncScope())
        {
            Assert.Equal(BookingOutcome.Waiting, (await scope.ServiceProvider.GetRequiredService<BookingService>().BookAsync(waiter.LearnerId, session.SessionId, CancellationToken.None)).Outcome);
            var token = site.Service<BookingLinks>().Token(cancels.BookingId, cancels.LearnerId);
            Assert.Equal(SelfServiceOutcome.Done, (await scope.ServiceProvider.GetRequiredService<CancellationService>().CancelAsync(token, 50m, CancellationToken.None)).Outcome);
        }

        var charges = await site.CloseRegisterAsync(session, new Dictionary<int, Attendance> { [attends.BookingId] = Attendance.Attended, [absent.BookingId] = Attendance.NoShow });
        Assert.Equal(2, charges.Count);
        Assert.Equal(WaiveResult.Waived, await site.Service<ChargeLedger>().WaiveAsync(charges.Single(c => c.Kind == ChargeKind.LateCancellation).Id, "Ill", "test", CancellationToken.None));

        var day = WorkingDayCalendar.UkDate(session.StartsAt).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var page = WebUtility.HtmlDecode(await site.Administrator.GetPageAsync($"/umbraco/training/reports?by=session&from={day}&to={day}"));
        Assert.Contains($"(session {session.SessionId})", page, StringComparison.Ordinal);

        var csv = await site.Administrator.GetAsync($"/umbraco/training/reports/export.csv?by=organisation&from={day}&to={day}");
        Assert.StartsWith("text/csv", csv.Content.Headers.ContentType!.ToString(), StringComparison.Ordinal);
        var lines = (await csv.Content.ReadAsStringAsync()).Split("\r\n");
        Assert.StartsWith("Organisation,Bookings,Attended,No-shows,Attendance rate (%),Late cancellations,Waiting-list demand,Charges raised,Raised (GBP),Charges waived,Waived (GBP),E-learning completions,", lines[0], StringComparison.Ordinal);
        var ours = Assert.Single(lines, l => l.StartsWith("'=1+2 Council", StringComparison.Ordinal));
        Assert.EndsWith(",3,1,1,50,1,1,2,100.00,1,50.00,0,0,0,0,,,", ours, StringComparison.Ordinal);

        var xlsx = await site.Administrator.GetAsync($"/umbraco/training/reports/export.xlsx?by=course&from={day}&to={day}");
        Assert.Equal(TabularExport.XlsxType, xlsx.Content.Headers.ContentType!.ToString());
        using var stream = new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync());
        var sheet = stream.Query(useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        var course = Assert.Single(sheet, r => ((string)r["Course"]).StartsWith("Report course", StringComparison.Ordinal) && Convert.ToInt32(r["Bookings"], CultureInfo.InvariantCulture) == 3);
        Assert.Equal(100m, Convert.ToDecimal(course["Raised (GBP)"], CultureInfo.InvariantCulture));

        foreach (var bad in new[] { "by=%3Cscript%3E", "from=yesterday", $"from={day}&to=2000-01-01", "to=' OR 1=1 --", "from=" + new string('9', 3000), "from=1900-01-01&to=2100-12-31" })
        {
            var refused = await site.Administrator.GetAsync("/umbraco/training/reports/export.csv?" + bad);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains("application/problem+json", refused.Content.Headers.ContentType!.ToString(), StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.Redirect, (await site.NewClient().GetAsync("/umbraco/training/reports")).StatusCode);
    }

    private static async Task<int> AddCourseAsync(ChargingTestSite site, DeliveryMode mode, int durationMinutes = 60)
    {
        await using var db = site.Db();
        var course = new Course { Title = site.Unique("Online course"), Slug = site.Unique("online"), Summary = "Online.", DurationMinutes = durationMinutes, DeliveryMode = mode, IsPublished = true, CreatedAt = site.Now, UpdatedAt = site.Now };
        db.Add(course);
        await db.SaveChangesAsync();
        return course.Id;
    }

    /// <summary>Asks for a sign-in link and follows it, as a returning learner does.</summary>
    private static async Task<BrowserClient> SignInLearnerAsync(ChargingTestSite site, int learnerId)
    {
        string email;
        await using (var db = site.Db())
        {
            email = await db.Learners.Where(l => l.Id == learnerId).Select(l => l.Email).SingleAsync();
        }

        var browser = site.NewClient();
        bool IsSignIn(SafeguardingSite.Testing.Smtp.ReceivedMail m) => m.EnvelopeTo.Contains(email) && m.Subject.Contains("sign in", StringComparison.Ordinal);
        var before = site.Mail.Messages.Count(IsSignIn);
        Assert.Equal(HttpStatusCode.OK, (await browser.SubmitAsync("/training/account/sign-in", "/training/account/sign-in", new() { ["email"] = email })).StatusCode);
        await Eventually.HoldsAsync(() => site.Mail.Messages.Count(IsSignIn) > before, TimeSpan.FromSeconds(30), "the sign-in mail");
        var mail = site.Mail.Messages.Last(IsSignIn);
        Assert.Equal(HttpStatusCode.Redirect, (await LearningTestSite.FollowAndSubmitAsync(browser, LearningTestSite.LinkIn(mail, "/training/account/sign-in/link"))).StatusCode);
        return browser;
    }

    private static async Task<List<Certificate>> CertificatesOfAsync(ChargingTestSite site, int learnerId)
    {
        await using var db = site.Db();
        return await db.Set<Certificate>().Where(c => c.LearnerId == learnerId).ToListAsync();
    }

    private static async Task<DateTime> CompletedAtAsync(ChargingTestSite site, int learnerId, int courseId)
    {
        await using var db = site.Db();
        return await db.Set<ELearningCompletion>().Where(c => c.LearnerId == learnerId && c.CourseId == courseId).Select(c => c.CompletedAt).SingleAsync();
    }

    private static async Task<BookingStatus> StatusAsync(ChargingTestSite site, int bookingId)
    {
        await using var db = site.Db();
        return await db.Bookings.Where(b => b.Id == bookingId).Select(b => b.Status).SingleAsync();
    }
}
