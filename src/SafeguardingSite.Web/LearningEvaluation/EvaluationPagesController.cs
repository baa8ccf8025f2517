using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using SafeguardingSite.Content.Published;
using SafeguardingSite.Learning.Accounts;
using SafeguardingSite.Learning.Certificates;
using SafeguardingSite.Learning.Evaluation;
using SafeguardingSite.Learning.Mail;
using SafeguardingSite.Learning.Model;
using SafeguardingSite.Web.Learning;
using SafeguardingSite.Web.Rendering;

namespace SafeguardingSite.Web.LearningEvaluation;

/// <param name="Answers">What was posted, shown again when something needs correcting so nothing typed is lost.</param>
public sealed record QuestionnaireView(QuestionnairePage Page, string Token, IReadOnlyDictionary<string, string?> Answers, IReadOnlyDictionary<string, string> Errors);

public sealed record CertificatesView(Learner Learner, IReadOnlyList<Certificate> Certificates);

/// <param name="Checked">False when the form has not been sent yet.</param>
public sealed record VerifyView(string? Code, bool Checked, Certificate? Certificate, string? Error);

/// <summary>
/// The learner's side of evaluation and certificates: the questionnaires opened from mailed links, the certificates in
/// the account, and the public page that checks a certificate's code.
/// </summary>
[AutoValidateAntiforgeryToken]
public sealed class EvaluationPagesController(
    IPublishedSnapshotAccessor snapshots,
    IOptions<SiteOptions> siteOptions,
    TimeProvider clock,
    EvaluationService evaluations,
    CertificateService certificates,
    EvaluationLinks links,
    VerificationLimiter limiter,
    LearnerAccountService accounts) : TrainingPageController(snapshots, siteOptions, clock, Views)
{
    private const string Views = "~/Views/LearningEvaluation/";

    [HttpGet(EvaluationLinks.QuestionnairePath)]
    public async Task<IActionResult> Questionnaire(string? token, CancellationToken cancellationToken)
    {
        if (Page() is not { } site)
        {
            return NotFound();
        }

        return await evaluations.OpenAsync(token, cancellationToken) is not { } page ? InvalidLink(site)
            : page.State == QuestionnaireState.Open ? Show("Questionnaire", site, page.Booking.Session!.Course!.Title, new QuestionnaireView(page, token!, new Dictionary<string, string?>(), new Dictionary<string, string>()))
            : await ClosedAsync(site, page, cancellationToken);
    }

    [HttpPost(EvaluationLinks.QuestionnairePath)]
    public async Task<IActionResult> QuestionnairePost([FromForm] string? token, CancellationToken cancellationToken)
    {
        if (Page() is not { } site)
        {
            return NotFound();
        }

        var posted = Request.Form.Where(f => f.Key.StartsWith("q-", StringComparison.Ordinal) && f.Key.Length <= 20)
            .ToDictionary(f => f.Key, f => (string?)f.Value.ToString());
        var result = await evaluations.SubmitAsync(token, posted, cancellationToken);
        switch (result.Outcome)
        {
            case SubmitOutcome.Saved:
                var course = result.Page!.Booking.Session!.Course!.Title;
                return result.Certificate is { } certificate
                    ? Message(site, "Thank you", [$"Your answers about {course} are saved.", "Your certificate of attendance is ready. You can download it now, or at any time from your training account."],
                        ("Download your certificate", EvaluationLinks.CertificatePdfPath(certificate.Id)))
                    : Message(site, "Thank you", [$"Your answers about {course} are saved. They help the partnership see what difference its training makes."]);
            case SubmitOutcome.Invalid:
                Response.StatusCode = StatusCodes.Status400BadRequest;
                return Show("Questionnaire", site, "Error: " + result.Page!.Booking.Session!.Course!.Title, new QuestionnaireView(result.Page, token!, posted, result.Errors));
            case SubmitOutcome.AlreadyAnswered or SubmitOutcome.NotOpen:
                return await ClosedAsync(site, result.Page!, cancellationToken);
            default:
                return InvalidLink(site);
        }
    }

    [HttpGet(EvaluationLinks.CertificatesPath)]
    public async Task<IActionResult> Certificates(CancellationToken cancellationToken)
    {
        if (Page() is not { } site)
        {
            return NotFound();
        }

        return await SignedInAsync(cancellationToken) is { } learner
            ? Show("Certificates", site, "My certificates", new CertificatesView(learner, await certificates.ForLearnerAsync(learner.Id, cancellationToken)))
            : Redirect(LearningLinks.SignInPath);
    }

    [HttpGet(EvaluationLinks.CertificatesPath + "/{id:int}/certificate.pdf")]
    public async Task<IActionResult> CertificatePdf(int id, CancellationToken cancellationToken)
    {
        if (await SignedInAsync(cancellationToken) is not { } learner)
        {
            return Redirect(LearningLinks.SignInPath);
        }

        if (await certificates.OwnedAsync(id, learner.Id, cancellationToken) is not { } certificate)
        {
            return NotFound();
        }

        var pdf = LearningEvaluation.CertificatePdf.Write(certificate, PartnershipName(), links.AbsoluteVerify(certificate.Code));
        return File(pdf, "application/pdf", $"certificate-{CertificateCode.Display(certificate.Code)}.pdf");
    }

    [HttpGet(EvaluationLinks.VerifyPath)]
    public Task<IActionResult> Verify(string? code, CancellationToken cancellationToken) => VerifyAsync(code, code is not null, cancellationToken);

    [HttpGet(EvaluationLinks.VerifyPath + "/{code}")]
    public Task<IActionResult> VerifyCode(string code, CancellationToken cancellationToken) => VerifyAsync(code, true, cancellationToken);

    /// <summary>
    /// A real code and a forged one take the same path (one lookup, the same page and status) and differ only in
    /// what the page says, so the response tells nothing beyond the answer; the limiter stops codes being tried in bulk.
    /// </summary>
    private async Task<IActionResult> VerifyAsync(string? code, bool submitted, CancellationToken cancellationToken)
    {
        if (Page() is not { } site)
        {
            return NotFound();
        }

        if (!submitted)
        {
            return Show("Verify", site, "Check a certificate", new VerifyView(null, false, null, null));
        }

        if (!limiter.TryAcquire(HttpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown"))
        {
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            Response.Headers.RetryAfter = "60";
            return Show("Verify", site, "Error: Check a certificate", new VerifyView(null, false, null, "Too many certificates have been checked from your connection. Wait a minute and try again."));
        }

        if (string.IsNullOrWhiteSpace(code) || code.Length > CertificateCode.MaxInput)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Show("Verify", site, "Error: Check a certificate", new VerifyView(null, false, null,
                $"Enter the verification code printed on the certificate: 20 letters and numbers, for example ABCDE-FGHJK-MNPQR-STVWX."));
        }

        var certificate = await certificates.VerifyAsync(code, cancellationToken);
        return Show("Verify", site, certificate is null ? "Certificate not recognised" : "Certificate verified", new VerifyView(code.Trim(), true, certificate, null));
    }

    private async Task<IActionResult> ClosedAsync(SitePage site, QuestionnairePage page, CancellationToken cancellationToken)
    {
        var course = page.Booking.Session!.Course!.Title;
        if (page.State == QuestionnaireState.AlreadyAnswered)
        {
            var certificate = page.Ticket is { Stage: EvaluationStage.AfterCourse, Respondent: Respondent.Learner } ? await certificates.ForBookingAsync(page.Booking.Id, cancellationToken) : null;
            return Message(site, "Already answered", [$"These questions about {course} have already been answered. Thank you."],
                certificate is null ? null : ("Download your certificate", EvaluationLinks.CertificatePdfPath(certificate.Id)));
        }

        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Message(site, "These questions are not open", [page.Ticket.Stage switch
        {
            EvaluationStage.BeforeCourse => $"The questions before {course} close when the session starts, or the booking is no longer active.",
            EvaluationStage.AfterCourse => $"The questions after {course} open once the trainer has closed the register for a learner who attended.",
            _ => $"The follow-up questions about {course} open three months after the session, for learners who attended.",
        }]);
    }

    private async Task<Learner?> SignedInAsync(CancellationToken cancellationToken)
    {
        var result = await HttpContext.AuthenticateAsync(LearnerAuthentication.Scheme);
        return result.Succeeded && LearnerAuthentication.LearnerId(result.Principal) is { } id
            ? await accounts.FindAsync(id, cancellationToken)
            : null;
    }

    private string PartnershipName()
    {
        var snapshot = Snapshot;
        return snapshot.Home?.Text("siteName") ?? snapshot.Home?.Name ?? "Safeguarding Children Partnership";
    }



    private ViewResult Message(SitePage site, string heading, IReadOnlyList<string> lines, (string, string)? link = null)
    {
        ViewData["Title"] = heading;
        ViewData[ViewKey] = new LearningMessageView(heading, lines, Link: link);
        return View("~/Views/Learning/Message.cshtml", site);
    }

    private ViewResult InvalidLink(SitePage site)
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Message(site, "This link is not valid", ["The link is incomplete, or the booking it was for has been passed to someone else. Use the link in the most recent email about this course."]);
    }
}
