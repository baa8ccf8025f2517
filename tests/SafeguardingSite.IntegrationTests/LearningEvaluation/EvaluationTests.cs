using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SafeguardingSite.IntegrationTests.BackOffice;
using SafeguardingSite.IntegrationTests.LearningCharging;
using SafeguardingSite.Learning.Certificates;
using SafeguardingSite.Learning.Charging;
using SafeguardingSite.Learning.Data;
using SafeguardingSite.Learning.Evaluation;
using SafeguardingSite.Learning.Mail;
using SafeguardingSite.Learning.Model;
using SafeguardingSite.Learning.Registers;
using SafeguardingSite.Platform.Data;
using SafeguardingSite.Testing;
using UglyToad.PdfPig;

namespace SafeguardingSite.IntegrationTests.LearningEvaluation;

/// <summary>
/// Evaluation in three stages and certificates, on the shared learning-charging site of each provider. Tests only ever
/// change questionnaires of their own courses, never the defaults the other tests rely on.
/// </summary>
[Collection(ChargingSites.Collection)]
public partial class EvaluationTests(ChargingSites sites)
{
    private static readonly TimeSpan MailWait = TimeSpan.FromSeconds(30);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Three_stages_are_answered_by_mailed_links_the_follow_up_goes_once_and_the_report_shows_the_confidence_change(DatabaseProvider provider)
    {
        var site = await sites.ForAsync(provider);
        await site.SignInAgainAsync();
        var organisation = await site.AddOrganisationAsync("Northdale Schools", OrganisationSector.Education);
        var session = await site.AddSessionAsync(TimeSpan.FromDays(3), title: site.Unique("Recognising neglect"));
        var asha = await site.AddBookingAsync(session.SessionId, organisation, "Asha Fullday");
        var piet = await site.AddBookingAsync(session.SessionId, organisation, "Piet Partway");

        // Before: the link travels in the booking confirmation.
        var before = await QuestionsAsync(site, session.CourseId, EvaluationStage.BeforeCourse);
        var confidenceBefore = before.Single(q => q.MeasuresConfidence);
        var knowledge = before.First(q => q.Kind == QuestionKind.Rating && !q.MeasuresConfidence);
        foreach (var (booking, rating) in new[] { (asha, "2"), (piet, "3") })
        {
            var confirmation = site.Service<LearningMessages>().Booking(LearningMail.Confirmed, (await BookingMail.LoadAsync(site.Service<IDbContextFactory<LearningDbContext>>(), booking.BookingId, CancellationToken.None))!);
            var link = QuestionnaireLink(confirmation.TextBody ?? string.Empty);
            await AnswerAsync(site, link, new() { [EvaluationService.FieldFor(confidenceBefore.Id)] = rating, [EvaluationService.FieldFor(knowledge.Id)] = "3" }, "Thank you");
        }

        // After: closing the register mails the questions to those who came.
        await site.CloseRegisterAsync(session, new Dictionary<int, Attendance> { [asha.BookingId] = Attendance.Attended, [piet.BookingId] = Attendance.PartlyAttended });
        var after = await QuestionsAsync(site, session.CourseId, EvaluationStage.AfterCourse);
        var recommend = after.Single(q => q.Kind == QuestionKind.Choice);
        foreach (var (booking, rating) in new[] { (asha, "5"), (piet, "4") })
        {
            var email = await EmailOfAsync(site, booking.LearnerId);
            var invitation = await site.Mail.WaitForMessageAsync(m => m.EnvelopeTo.Contains(email) && m.Subject.StartsWith("How was", StringComparison.Ordinal), MailWait);
            var answers = after.Where(q => q.Kind == QuestionKind.Rating).ToDictionary(q => EvaluationService.FieldFor(q.Id), _ => rating);
            answers[EvaluationService.FieldFor(recommend.Id)] = "Yes";
            var thanks = await AnswerAsync(site, QuestionnaireLink(invitation.TextBody), answers, "Thank you");
            Assert.Equal(booking == asha, thanks.Contains("Download your certificate", StringComparison.Ordinal));
        }

        await using (var db = site.Db())
        {
            Assert.Equal([asha.BookingId], await db.Set<Certificate>().Where(c => c.SessionId == session.SessionId).Select(c => c.BookingId).ToListAsync());
        }

        // Follow-up: three months on, a retried or overlapping job sends each invitation once.
        site.Clock.Advance(session.StartsAt.AddMonths(3).AddDays(3) - site.Now);
        await Task.WhenAll(RunFollowUpsAsync(site), RunFollowUpsAsync(site));
        await RunFollowUpsAsync(site);
        var ashaEmail = await EmailOfAsync(site, asha.LearnerId);
        var ashaManager = await ManagerOfAsync(site, asha.LearnerId);
        var learnerInvite = await site.Mail.WaitForMessageAsync(m => m.EnvelopeTo.Contains(ashaEmail) && m.Subject.StartsWith("Three months on", StringComparison.Ordinal), MailWait);
        var managerInvite = await site.Mail.WaitForMessageAsync(m => m.EnvelopeTo.Contains(ashaManager) && m.Subject.StartsWith("Your view on", StringComparison.Ordinal), MailWait);
        Assert.Single(site.Mail.Messages, m => m.EnvelopeTo.Contains(ashaEmail) && m.Subject.StartsWith("Three months on", StringComparison.Ordinal));
        Assert.Single(site.Mail.Messages, m => m.EnvelopeTo.Contains(ashaManager) && m.Subject.StartsWith("Your view on", StringComparison.Ordinal));
        await using (var db = site.Db())
        {
            Assert.Equal(4, await db.Set<SentEvaluationMail>().CountAsync(m => (m.BookingId == asha.BookingId || m.BookingId == piet.BookingId) && m.Stage == EvaluationStage.FollowUp));
        }

        var followUp = await QuestionsAsync(site, session.CourseId, EvaluationStage.FollowUp);
        var changed = followUp.Single(q => q.Kind == QuestionKind.Choice && !q.ForManager);
        var example = followUp.Single(q => q.Kind == QuestionKind.FreeText && !q.ForManager);
        var managerView = followUp.Single(q => q.ForManager);
        await AnswerAsync(site, QuestionnaireLink(learnerInvite.TextBody), new()
        {
            [EvaluationService.FieldFor(changed.Id)] = changed.Choices[0],
            [EvaluationService.FieldFor(example.Id)] = "I now build a chronology for every family <script>alert(1)</script>",
        }, "Thank you");
        var managerPage = await AnswerAsync(site, QuestionnaireLink(managerInvite.TextBody), new() { [EvaluationService.FieldFor(managerView.Id)] = "She now leads our neglect screening meetings." }, "Thank you");
        Assert.DoesNotContain("certificate", managerPage, StringComparison.OrdinalIgnoreCase);

        await site.SignInAgainAsync();
        var report = await site.Administrator.GetPageAsync($"/umbraco/training/evaluation/reports/{session.CourseId}");
        Assert.Contains("I now build a chronology for every family &lt;script&gt;", report, StringComparison.Ordinal);
        var reportText = WebUtility.HtmlDecode(report);
        Assert.Contains("id=\"confidence-before\">2.5<", reportText, StringComparison.Ordinal);
        Assert.Contains("id=\"confidence-after\">4.5<", reportText, StringComparison.Ordinal);
        Assert.Contains("id=\"confidence-change\">+2.0<", reportText, StringComparison.Ordinal);
        Assert.Contains("She now leads our neglect screening meetings.", reportText, StringComparison.Ordinal);
        Assert.Contains($"{changed.Choices[0]}: 1", reportText, StringComparison.Ordinal);
        Assert.Contains($"/umbraco/training/evaluation/reports/{session.CourseId}", await site.Administrator.GetPageAsync("/umbraco/training/evaluation/reports"), StringComparison.Ordinal);

        // The training report carries the same results per course: responses per stage (Asha's manager answered too)
        // and the confidence before, after and the change, on screen and in the export.
        string title;
        await using (var db = site.Db())
        {
            title = await db.Courses.Where(c => c.Id == session.CourseId).Select(c => c.Title).SingleAsync();
        }

        var day = WorkingDayCalendar.UkDate(session.StartsAt).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var training = WebUtility.HtmlDecode(await site.Administrator.GetPageAsync($"/umbraco/training/reports?by=course&from={day}&to={day}"));
        Assert.Contains("<th scope=\"col\">Confidence change</th>", training, StringComparison.Ordinal);
        var cells = Regex.Match(training, $"<th scope=\"row\">{Regex.Escape(title)}</th>(.*?)</tr>", RegexOptions.Singleline).Groups[1].Value;
        Assert.Equal(["2", "2", "2", "2.5", "4.5", "2"], Regex.Matches(cells, "<td>(.*?)</td>").Select(m => m.Groups[1].Value).TakeLast(6));
        var csv = (await (await site.Administrator.GetAsync($"/umbraco/training/reports/export.csv?by=course&from={day}&to={day}")).Content.ReadAsStringAsync()).Split("\r\n");
        Assert.EndsWith(",Evaluations before,Evaluations after,Follow-up evaluations,Confidence before (1-5),Confidence after (1-5),Confidence change", csv[0], StringComparison.Ordinal);
        Assert.EndsWith(",2,2,2,2.5,4.5,2", Assert.Single(csv, l => l.StartsWith(title, StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_certificate_downloads_as_a_pdf_its_code_verifies_and_a_forged_code_does_not(DatabaseProvider provider)
    {
        var site = await sites.ForAsync(provider);
        var organisation = await site.AddOrganisationAsync("Northdale Health");
        var title = site.Unique("Child exploitation");
        var session = await site.AddSessionAsync(TimeSpan.FromDays(1), title: title);
        var learner = await site.AddBookingAsync(session.SessionId, organisation, "Imogen Whitfield-Okafor");
        await site.CloseRegisterAsync(session, new Dictionary<int, Attendance> { [learner.BookingId] = Attendance.Attended });
        var certificate = await SubmitAfterCourseAsync(site, learner);
        Assert.NotNull(certificate);
        Assert.Equal(CertificateCode.Length, certificate.Code.Length);
        Assert.Equal(certificate.Code, (await SubmitAfterCourseAsync(site, learner))?.Code);

        // The learner downloads it from their account.
        var email = await EmailOfAsync(site, learner.LearnerId);
        using var browser = await SignInLearnerAsync(site, email);
        var list = await browser.GetPageAsync(EvaluationLinks.CertificatesPath);
        Assert.Contains(title, list, StringComparison.Ordinal);
        var pdfResponse = await browser.GetAsync(EvaluationLinks.CertificatePdfPath(certificate.Id));
        Assert.Equal(HttpStatusCode.OK, pdfResponse.StatusCode);
        Assert.Equal("application/pdf", pdfResponse.Content.Headers.ContentType?.MediaType);
        using (var pdf = PdfDocument.Open(await pdfResponse.Content.ReadAsByteArrayAsync()))
        {
            var text = string.Join("\n", pdf.GetPages().Select(p => p.Text));
            Assert.Contains("Imogen Whitfield-Okafor", text, StringComparison.Ordinal);
            Assert.Contains(title, text, StringComparison.Ordinal);
            Assert.Contains(CertificateCode.Display(certificate.Code), text, StringComparison.Ordinal);
        }

        using (var stranger = site.NewClient())
        {
            Assert.Equal(HttpStatusCode.Redirect, (await stranger.GetAsync(EvaluationLinks.CertificatePdfPath(certificate.Id))).StatusCode);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync(EvaluationLinks.CertificatePdfPath(certificate.Id + 100_000))).StatusCode);

        // The public page: a real code (however it is typed) names the learner, course and date; a forged one does not.
        using var visitor = site.NewClient();
        Assert.Contains("Check a certificate", await visitor.GetPageAsync(EvaluationLinks.VerifyPath), StringComparison.Ordinal);
        foreach (var typed in new[] { CertificateCode.Display(certificate.Code), certificate.Code.ToLowerInvariant() })
        {
            var real = await visitor.GetPageAsync(EvaluationLinks.VerifyPath + "?code=" + Uri.EscapeDataString(typed));
            Assert.Contains("Certificate verified", real, StringComparison.Ordinal);
            Assert.Contains("Imogen Whitfield-Okafor", real, StringComparison.Ordinal);
            Assert.Contains(title, real, StringComparison.Ordinal);
        }

        var last = certificate.Code[^1];
        var forgedCode = certificate.Code[..^1] + (last == 'Z' ? 'Y' : 'Z');
        foreach (var forged in new[] { forgedCode, "<script>alert(1)</script>", "' OR 1=1 --", "ABCDE-FGHJK-MNPQR-STVWX" })
        {
            var response = await visitor.GetAsync(EvaluationLinks.VerifyCodePath(forged));
            var html = await response.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("Certificate not recognised", html, StringComparison.Ordinal);
            Assert.DoesNotContain("Imogen", html, StringComparison.Ordinal);
            Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        }

        // Deleting the account takes the name off the certificate: the code still verifies the course and date.
        Assert.Equal(HttpStatusCode.OK, (await browser.SubmitAsync("/training/account/delete", "/training/account/delete", [])).StatusCode);
        var anonymous = WebUtility.HtmlDecode(await visitor.GetPageAsync(EvaluationLinks.VerifyCodePath(certificate.Code)));
        Assert.Contains("Certificate verified", anonymous, StringComparison.Ordinal);
        Assert.Contains(title, anonymous, StringComparison.Ordinal);
        Assert.Contains(Certificate.RemovedName, anonymous, StringComparison.Ordinal);
        Assert.Contains("id=\"verification-name-removed\"", anonymous, StringComparison.Ordinal);
        Assert.DoesNotContain("Imogen", anonymous, StringComparison.Ordinal);
        Assert.DoesNotContain("Whitfield", anonymous, StringComparison.Ordinal);

        var oversize = await visitor.GetAsync(EvaluationLinks.VerifyPath + "?code=" + new string('A', 5000));
        Assert.Equal(HttpStatusCode.BadRequest, oversize.StatusCode);
        Assert.Contains("Enter the verification code", await oversize.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Codes cannot be tried in bulk: the limiter answers 429 before long.
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 40 && !statuses.Contains(HttpStatusCode.TooManyRequests); i++)
        {
            statuses.Add((await visitor.GetAsync(EvaluationLinks.VerifyCodePath(CertificateCode.New()))).StatusCode);
        }

        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Questionnaire_forms_refuse_hostile_input_with_clear_errors_and_keep_what_was_typed(DatabaseProvider provider)
    {
        var site = await sites.ForAsync(provider);
        await site.SignInAgainAsync();
        var organisation = await site.AddOrganisationAsync("Northdale Police", OrganisationSector.Police);
        var session = await site.AddSessionAsync(TimeSpan.FromDays(10), title: site.Unique("Domestic abuse"));
        var admin = site.Administrator;

        var refused = await admin.SubmitAsync("/umbraco/training/evaluation", "/umbraco/training/evaluation/overrides", new() { ["course"] = "1 OR 1=1", ["stage"] = "0" });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var refusedHtml = await refused.Content.ReadAsStringAsync();
        Assert.Contains("Choose the course the questionnaire is for.", refusedHtml, StringComparison.Ordinal);
        Assert.Contains("Choose before the course, straight after, or the follow-up.", refusedHtml, StringComparison.Ordinal);

        var created = await admin.SubmitAsync("/umbraco/training/evaluation", "/umbraco/training/evaluation/overrides", new() { ["course"] = session.CourseId.ToString(CultureInfo.InvariantCulture), ["stage"] = nameof(EvaluationStage.BeforeCourse) });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var path = created.Headers.Location!.OriginalString;
        var defaults = await QuestionsAsync(site, session.CourseId, EvaluationStage.BeforeCourse);
        Assert.Contains(defaults[0].Text, await admin.GetPageAsync(path), StringComparison.Ordinal);

        var hostile = new (Dictionary<string, string> Form, string Error)[]
        {
            (new() { ["Text"] = "  ", ["Kind"] = "Rating" }, "Enter the question."),
            (new() { ["Text"] = new string('x', 600), ["Kind"] = "Rating" }, "Keep the question to one line of up to 500 characters."),
            (new() { ["Text"] = "Typed and kept", ["Kind"] = "Rating'; DROP TABLE learning_questionnaires; --" }, "Choose rating, free text or choice."),
            (new() { ["Text"] = "Typed and kept", ["Kind"] = "1" }, "Choose rating, free text or choice."),
            (new() { ["Text"] = "Typed and kept", ["Kind"] = "Choice", ["Choices"] = "Only one" }, "Give between 2 and 10 answers, one a line."),
            (new() { ["Text"] = "Typed and kept", ["Kind"] = "Rating", ["Choices"] = "A\nB" }, "Only choice questions have a list of answers"),
            (new() { ["Text"] = "Typed and kept", ["Kind"] = "FreeText", ["MeasuresConfidence"] = "true" }, "Only a rating question can measure confidence."),
            (new() { ["Text"] = "Typed and kept", ["Kind"] = "FreeText", ["ForManager"] = "true" }, "Line managers are asked only at the three-month follow-up."),
        };
        foreach (var (form, error) in hostile)
        {
            var response = await admin.SubmitAsync(path, path + "/questions", form);
            var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains(error, html, StringComparison.Ordinal);
            if (form["Text"] == "Typed and kept")
            {
                Assert.Contains("value=\"Typed and kept\"", html, StringComparison.Ordinal);
            }
        }

        const string Scripted = "<script>alert('x')</script> How clear were the handouts?";
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitAsync(path, path + "/questions", new() { ["Text"] = Scripted, ["Kind"] = "FreeText" })).StatusCode);
        var edited = await admin.GetPageAsync(path);
        Assert.DoesNotContain("<script>alert", edited, StringComparison.Ordinal);
        Assert.Contains(Scripted, WebUtility.HtmlDecode(edited), StringComparison.Ordinal);

        // The learner's form: bad answers are named one by one and what was typed comes back.
        var own = await QuestionsAsync(site, session.CourseId, EvaluationStage.BeforeCourse);
        Assert.Contains(own, q => q.Text == Scripted);
        Assert.DoesNotContain(await QuestionsAsync(site, session.CourseId + 100_000, EvaluationStage.BeforeCourse), q => q.Text == Scripted);
        var booking = await site.AddBookingAsync(session.SessionId, organisation, "Dev Patel");
        var token = site.Service<EvaluationLinks>().Token(new EvaluationTicket(booking.BookingId, booking.LearnerId, EvaluationStage.BeforeCourse, Respondent.Learner));
        var page = EvaluationLinks.QuestionnairePath + "?token=" + Uri.EscapeDataString(token);
        using var learner = site.NewClient();
        var confidence = own.Single(q => q.MeasuresConfidence);
        var knowledge = own.First(q => q.Kind == QuestionKind.Rating && !q.MeasuresConfidence);
        var handouts = own.Single(q => q.Text == Scripted);
        var longAnswer = "Kept words " + new string('y', 4100);
        var bad = await learner.SubmitAsync(page, EvaluationLinks.QuestionnairePath, new()
        {
            ["token"] = token, [EvaluationService.FieldFor(knowledge.Id)] = "6", [EvaluationService.FieldFor(handouts.Id)] = longAnswer,
        });
        var badHtml = await bad.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("Choose an answer to this question.", badHtml, StringComparison.Ordinal);
        Assert.Contains("Choose a number from 1 (lowest) to 5 (highest).", badHtml, StringComparison.Ordinal);
        Assert.Contains("Keep your answer to 4000 characters", badHtml, StringComparison.Ordinal);
        Assert.Contains(longAnswer, badHtml, StringComparison.Ordinal);

        foreach (var wrongType in new[] { "3.0", "five", "-1", "1; DROP TABLE learning_evaluation_answers" })
        {
            var response = await learner.SubmitAsync(page, EvaluationLinks.QuestionnairePath, new() { ["token"] = token, [EvaluationService.FieldFor(confidence.Id)] = wrongType, [EvaluationService.FieldFor(knowledge.Id)] = "2" });
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }

        const string Sqlish = "Robert'); DROP TABLE learning_learners;-- <b>bold</b>";
        await AnswerAsync(site, new Uri("https://localhost" + page), new()
        {
            [EvaluationService.FieldFor(confidence.Id)] = "1", [EvaluationService.FieldFor(knowledge.Id)] = "2", [EvaluationService.FieldFor(handouts.Id)] = Sqlish, ["q-999999"] = "ignored",
        }, "Thank you");
        await using (var db = site.Db())
        {
            var saved = await db.Set<EvaluationResponse>().Include(r => r.Answers).SingleAsync(r => r.BookingId == booking.BookingId);
            Assert.Equal(3, saved.Answers.Count);
            Assert.Equal(Sqlish, saved.Answers.Single(a => a.QuestionId == handouts.Id).Text);
        }

        // Sent again from the form still open in another tab: refused, and the first answers stand.
        Assert.Contains("Already answered", await learner.GetPageAsync(page), StringComparison.Ordinal);
        var again = await learner.Http.PostAsync(EvaluationLinks.QuestionnairePath, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = BrowserClient.TokenIn(badHtml), ["token"] = token,
            [EvaluationService.FieldFor(confidence.Id)] = "5", [EvaluationService.FieldFor(knowledge.Id)] = "5",
        }));
        Assert.Contains("Already answered", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await using (var db = site.Db())
        {
            Assert.Equal(1, await db.Set<EvaluationResponse>().CountAsync(r => r.BookingId == booking.BookingId));
        }

        var forged = await learner.GetAsync(EvaluationLinks.QuestionnairePath + "?token=" + Uri.EscapeDataString(token[..^4] + "AAAA"));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Contains("This link is not valid", await forged.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // The after-course questions do not open before the register closes.
        var early = site.Service<EvaluationLinks>().Token(new EvaluationTicket(booking.BookingId, booking.LearnerId, EvaluationStage.AfterCourse, Respondent.Learner));
        var notOpen = await learner.GetAsync(EvaluationLinks.QuestionnairePath + "?token=" + Uri.EscapeDataString(early));
        Assert.Equal(HttpStatusCode.BadRequest, notOpen.StatusCode);
        Assert.Contains("open once the trainer has closed the register", await notOpen.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static async Task<IReadOnlyList<EvaluationQuestion>> QuestionsAsync(ChargingTestSite site, int courseId, EvaluationStage stage) =>
        (await site.Service<QuestionnaireService>().ForCourseAsync(courseId, stage, CancellationToken.None))!.Questions;

    /// <summary>Opens a mailed questionnaire link in a fresh browser and sends the answers.</summary>
    private static async Task<string> AnswerAsync(ChargingTestSite site, Uri link, Dictionary<string, string> answers, string expected)
    {
        using var browser = site.NewClient();
        var token = Uri.UnescapeDataString(link.Query["?token=".Length..]);
        var fields = new Dictionary<string, string>(answers) { ["token"] = token };
        var response = await browser.SubmitAsync(link.PathAndQuery, EvaluationLinks.QuestionnairePath, fields);
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, html);
        Assert.Contains(expected, html, StringComparison.Ordinal);
        return html;
    }

    private static Task<Certificate?> SubmitAfterCourseAsync(ChargingTestSite site, (int BookingId, int LearnerId) booking) =>
        WithScopeAsync(site, async services =>
        {
            var token = services.GetRequiredService<EvaluationLinks>().Token(new EvaluationTicket(booking.BookingId, booking.LearnerId, EvaluationStage.AfterCourse, Respondent.Learner));
            int courseId;
            await using (var db = site.Db())
            {
                courseId = await db.Bookings.Where(b => b.Id == booking.BookingId).Select(b => b.Session!.CourseId).SingleAsync();
            }

            var questions = await QuestionsAsync(site, courseId, EvaluationStage.AfterCourse);
            var answers = questions.Where(q => q.IsRequired).ToDictionary(q => EvaluationService.FieldFor(q.Id), q => (string?)(q.Kind == QuestionKind.Choice ? q.Choices[0] : "4"));
            var result = await services.GetRequiredService<EvaluationService>().SubmitAsync(token, answers, CancellationToken.None);
            return result.Outcome == SubmitOutcome.AlreadyAnswered
                ? await services.GetRequiredService<CertificateService>().ForBookingAsync(booking.BookingId, CancellationToken.None)
                : result.Certificate;
        });

    private static Task<int> RunFollowUpsAsync(ChargingTestSite site) =>
        WithScopeAsync(site, services => services.GetRequiredService<EvaluationInvitationJob>().RunAsync(CancellationToken.None));

    private static async Task<T> WithScopeAsync<T>(ChargingTestSite site, Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = site.Service<IServiceScopeFactory>().CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    private static async Task<BrowserClient> SignInLearnerAsync(ChargingTestSite site, string email)
    {
        var browser = site.NewClient();
        Assert.Equal(HttpStatusCode.OK, (await browser.SubmitAsync("/training/account/sign-in", "/training/account/sign-in", new() { ["email"] = email })).StatusCode);
        var mail = await site.Mail.WaitForMessageAsync(m => m.EnvelopeTo.Contains(email) && m.Subject.Contains("sign in", StringComparison.Ordinal), MailWait);
        var link = new Uri(SignInLink().Match(mail.TextBody).Value);
        var token = Uri.UnescapeDataString(link.Query["?token=".Length..]);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.SubmitAsync(link.PathAndQuery, link.AbsolutePath, new() { ["token"] = token })).StatusCode);
        return browser;
    }

    private static Uri QuestionnaireLink(string text)
    {
        var match = QuestionnaireLinkPattern().Match(text);
        Assert.True(match.Success, "No questionnaire link in: " + text);
        return new Uri(match.Value);
    }

    private static async Task<string> EmailOfAsync(ChargingTestSite site, int learnerId)
    {
        await using var db = site.Db();
        return await db.Learners.Where(l => l.Id == learnerId).Select(l => l.Email).SingleAsync();
    }

    private static async Task<string> ManagerOfAsync(ChargingTestSite site, int learnerId)
    {
        await using var db = site.Db();
        return await db.Learners.Where(l => l.Id == learnerId).Select(l => l.ManagerEmail).SingleAsync();
    }

    [GeneratedRegex(@"https?://\S+/training/evaluation\?token=[^\s<>""]+")]
    private static partial Regex QuestionnaireLinkPattern();

    [GeneratedRegex(@"https?://\S+/training/account/sign-in/link\?token=[^\s<>""]+")]
    private static partial Regex SignInLink();
}
