using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using SafeguardingSite.Content.Published;
using SafeguardingSite.Learning.Accounts;
using SafeguardingSite.Learning.Bookings;
using SafeguardingSite.Learning.Calendar;
using SafeguardingSite.Learning.Cancellation;
using SafeguardingSite.Learning.Catalogue;
using SafeguardingSite.Learning.ELearning;
using SafeguardingSite.Learning.Evaluation;
using SafeguardingSite.Learning.Mail;
using SafeguardingSite.Learning.Model;
using SafeguardingSite.Learning;
using SafeguardingSite.Platform.Contracts;
using SafeguardingSite.Web.Rendering;

namespace SafeguardingSite.Web.Learning;

public sealed record LearningMessageView(string Heading, IReadOnlyList<string> Lines, LearningAction? Action = null, (string Text, string Url)? Link = null);

/// <summary>A one-button form, for links in mail: following a link only shows the page, pressing the button acts.</summary>
public sealed record LearningAction(string Path, string? Token, string ButtonText);

public sealed record ListingView(ListingPage Page, ListingFilter Filter);

public sealed record BookView(CourseSession Session, Learner? Learner, string? Error, string TermsVersion);

public sealed record RegisterView(RegistrationForm Form, IReadOnlyDictionary<string, string> Errors, IReadOnlyList<Organisation> Organisations);

public sealed record ELearningPageView(ELearningProgress Progress, ELearningPage Page);

public sealed record ELearningCheckView(ELearningProgress Progress, IReadOnlyList<ELearningQuestion> Questions, IReadOnlyDictionary<string, string?> Answers, IReadOnlyDictionary<string, string> Errors);

public sealed record MyBookingsView(Learner Learner, IReadOnlyList<Booking> Bookings, string? Notice);

/// <summary>
/// The training pages, shown inside the published Training page so the layout, navigation and quick exit are the
/// site's own: the listing, courses, sessions, calendars, learner accounts and booking.
/// </summary>
[AutoValidateAntiforgeryToken]
public sealed class LearningPagesController(
    IPublishedSnapshotAccessor snapshots,
    IOptions<SiteOptions> siteOptions,
    IOptions<LearningOptions> learningOptions,
    TimeProvider clock,
    CatalogueService catalogue,
    LearnerAccountService accounts,
    BookingService bookings,
    SessionCalendar calendar,
    LearningLinks links,
    BookingLinks bookingLinks,
    ELearningService elearning) : TrainingPageController(snapshots, siteOptions, clock, Views)
{
    private const string Views = "~/Views/Learning/";
    public const int FeedSize = 200;
    private static readonly System.Text.Json.JsonSerializerOptions ExportJson = new(System.Text.Json.JsonSerializerDefaults.Web) { WriteIndented = true };

    [HttpGet(LearningLinks.ListingPath)]
    [CountedPageView]
    public async Task<IActionResult> Listing(string? topic, string? level, string? mode, string? from, string? page, CancellationToken cancellationToken)
    {
        if (Page() is not { } site)
        {
            return NotFound();
        }

        var filter = ListingFilter.Parse(topic, level, mode, from, page);
        return Show("Listing", site, site.Content.Name, new ListingView(await catalogue.ListAsync(filter, cancellationToken), filter));
    }

    [HttpGet("/training/courses/{slug}")]
    [CountedPageView]
    public async Task<IActionResult> Course(string slug, CancellationToken cancellationToken) =>
        Page() is { } site && await catalogue.CourseAsync(slug, cancellationToken) is { } course
            ? Show("Course", site, course.Title, course)
            : NotFound();

    [HttpGet("/training/sessions/{id:int}")]
    [CountedPageView]
    public async Task<IActionResult> Session(int id, CancellationToken cancellationToken) =>
        Page() is { } site && await catalogue.SessionAsync(id, cancellationToken) is { } session
            ? Show("Session", site, session.Course!.Title, session)
            : NotFound();

    [HttpGet(LearningLinks.CalendarPath)]
    public async Task<IActionResult> Feed(CancellationToken cancellationToken)
    {
        var sessions = await catalogue.UpcomingAsync(UtcNow, FeedSize, cancellationToken);
        return File(Encoding.UTF8.GetBytes(calendar.Feed(sessions)), SessionCalendar.ContentType, "training.ics");
    }

    [HttpGet("/training/sessions/{id:int}/calendar.ics")]
    public async Task<IActionResult> SessionFeed(int id, CancellationToken cancellationToken) =>
        await catalogue.SessionAsync(id, cancellationToken) is { } session
            ? File(Encoding.UTF8.GetBytes(calendar.Invite(session)), SessionCalendar.ContentType, $"session-{id}.ics")
            : NotFound();

    [HttpGet("/training/sessions/{id:int}/book")]
    [CountedPageView]
    public async Task<IActionResult> Book(int id, CancellationToken cancellationToken) =>
        Page() is { } site && await catalogue.SessionAsync(id, cancellationToken) is { } session
            ? Show("Book", site, "Book: " + session.Course!.Title, new BookView(session, await SignedInAsync(cancellationToken), null, learningOptions.Value.TermsVersion))
            : NotFound();

    [HttpPost("/training/sessions/{id:int}/book")]
    public async Task<IActionResult> BookPost(int id, [FromForm] string? acceptTerms, CancellationToken cancellationToken)
    {
        if (Page() is not { } site || await catalogue.SessionAsync(id, cancellationToken) is not { } session)
        {
            return NotFound();
        }

        if (await SignedInAsync(cancellationToken) is not { } learner)
        {
            return Redirect(LearningLinks.SignInPath);
        }

        if (acceptTerms != "true")
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Show("Book", site, "Error: Book " + session.Course!.Title,
                new BookView(session, learner, "Tick the box to accept the booking terms.", learningOptions.Value.TermsVersion));
        }

        var result = await bookings.BookAsync(learner.Id, id, cancellationToken);
        var title = session.Course!.Title;
        return result.Outcome switch
        {
            BookingOutcome.Confirmed => Message(site, "Your place is booked",
                [$"You are booked on {title}, {LearningMessages.Describe(session)}.", "We have emailed you a confirmation with a calendar invitation, and sent a copy to your line manager."]),
            BookingOutcome.AwaitingApproval => Message(site, "Waiting for your manager",
                [$"We are holding a place for you on {title}.", "This course needs your line manager's approval. We have emailed them and will tell you when they approve."]),
            BookingOutcome.Waiting => Message(site, "You are on the waiting list",
                [$"{title} on this date is full, so you are on its waiting list.", "If a place comes up we will email you a link to take it."]),
            BookingOutcome.AlreadyBooked => Message(site, "You already have this booking",
                ["You are already booked or waiting for this session. Your bookings page shows where you stand."]),
            _ => BadRequestMessage(site, "This session cannot be booked", result.Problem ?? "Booking is not open."),
        };
    }

    [HttpGet(LearningLinks.RegisterPath)]
    [CountedPageView]
    public async Task<IActionResult> Register(CancellationToken cancellationToken) => Page() is { } site
        ? Show("Register", site, "Create a training account", new RegisterView(new RegistrationForm(), new Dictionary<string, string>(), await accounts.OrganisationChoicesAsync(cancellationToken)))
        : NotFound();

    [HttpPost(LearningLinks.RegisterPath)]
    public async Task<IActionResult> RegisterPost([FromForm] RegistrationForm form, CancellationToken cancellationToken)
    {
        if (Page() is not { } site)
        {
            return NotFound();
        }

        var result = await accounts.RegisterAsync(form, cancellationToken);
        if (result.Outcome == RegistrationOutcome.Invalid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Show("Register", site, "Error: Create a training account", new RegisterView(form, result.Errors, await accounts.OrganisationChoicesAsync(cancellationToken)));
        }

        return Message(site, "Check your email",
            ["We have sent an email to the address you gave. Follow the link in it to confirm your account.", "If it has not arrived within a few minutes, check your junk or spam folder."]);
    }

    [HttpGet(LearningLinks.ConfirmPath)]
    public IActionResult Confirm(string? token) => Page() is { } site
        ? Message(site, "Confirm your account", ["Select the button to confirm your email address and sign in."], new LearningAction(LearningLinks.ConfirmPath, token, "Confirm my account"))
        : NotFound();

    [HttpPost(LearningLinks.ConfirmPath)]
    public async Task<IActionResult> ConfirmPost([FromForm] string? token, CancellationToken cancellationToken)
    {
        if (Page() is not { } site)
        {
            return NotFound();
        }

        if (await accounts.ConfirmAsync(token, cancellationToken) is not { } learner)
        {
            return BadRequestMessage(site, "This link is not valid", "The link has been used, has expired, or is incomplete. Sign in to get a new one.");
        }

        await SignInLearnerAsync(learner);
        return Message(site, "Your account is confirmed", ["You are signed in and can book training."], link: ("Find training", LearningLinks.ListingPath));
    }

    [HttpGet(LearningLinks.SignInPath)]
    public IActionResult SignIn() => Page() is { } site ? Show("SignIn", site, "Sign in to training", (string?)null) : NotFound();

    [HttpPost(LearningLinks.SignInPath)]
    public async Task<IActionResult> SignInPost([FromForm] string? email, CancellationToken cancellationToken)
    {
        if (Page() is not { } site)
        {
            return NotFound();
        }

        if (WorkEmail.Problem(email) is { } problem)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Show("SignIn", site, "Error: Sign in to training", problem);
        }

        await accounts.RequestSignInAsync(email, cancellationToken);
        return Message(site, "Check your email", ["If the address has a training account, we have emailed it a link to sign in. The link works once and expires soon."]);
    }

    [HttpGet(LearningLinks.SignInLinkPath)]
    public IActionResult SignInLink(string? token) => Page() is { } site
        ? Message(site, "Sign in", ["Select the button to sign in to your training account."], new LearningAction(LearningLinks.SignInLinkPath, token, "Sign in"))
        : NotFound();

    [HttpPost(LearningLinks.SignInLinkPath)]
    public async Task<IActionResult> SignInLinkPost([FromForm] string? token, CancellationToken cancellationToken)
    {
        if (Page() is not { } site)
        {
            return NotFound();
        }

        if (await accounts.SignInAsync(token, cancellationToken) is not { } learner)
        {
            return BadRequestMessage(site, "This link is not valid", "The link has been used, has expired, or is incomplete. Ask for a new one.");
        }

        await SignInLearnerAsync(learner);
        return Redirect(LearningLinks.MyBookingsPath);
    }

    [HttpPost(LearningLinks.SignOutPath)]
    public async Task<IActionResult> SignOutPost()
    {
        await HttpContext.SignOutAsync(LearnerAuthentication.Scheme);
        return Redirect(LearningLinks.ListingPath);
    }

    [HttpGet(LearningLinks.MyBookingsPath)]
    public async Task<IActionResult> MyBookings(CancellationToken cancellationToken)
    {
        if (Page() is not { } site)
        {
            return NotFound();
        }

        return await SignedInAsync(cancellationToken) is { } learner
            ? Show("MyBookings", site, "My bookings", new MyBookingsView(learner, await accounts.BookingsAsync(learner.Id, cancellationToken), TempData["Notice"] as string))
            : Redirect(LearningLinks.SignInPath);
    }

    /// <summary>
    /// A signed-in learner cancels through the same page as the link in their confirmation, so the free-cancellation
    /// cut-off, the charge warning and the record the register charges from apply whichever way they come.
    /// </summary>
    [HttpGet("/training/account/bookings/{bookingId:int}/cancel")]
    public async Task<IActionResult> Cancel(int bookingId, CancellationToken cancellationToken)
    {
        if (await SignedInAsync(cancellationToken) is not { } learner)
        {
            return Redirect(LearningLinks.SignInPath);
        }

        if (!(await accounts.BookingsAsync(learner.Id, cancellationToken)).Any(b => b.Id == bookingId))
        {
            return NotFound();
        }

        return Redirect($"{BookingLinks.CancelPath}?token={Uri.EscapeDataString(bookingLinks.Token(bookingId, learner.Id))}");
    }

    [HttpGet(ELearningPaths.CourseTemplate)]
    public async Task<IActionResult> ELearningCourse(string slug, CancellationToken cancellationToken)
    {
        var (site, learner, progress) = await ELearningAsync(slug, cancellationToken);
        return site is null || progress is null ? NotFound()
            : learner is null ? Redirect(LearningLinks.SignInPath)
            : Show("ELearning", site, progress.Course.Title, progress);
    }

    [HttpGet(ELearningPaths.PageTemplate)]
    public async Task<IActionResult> ELearningPage(string slug, int pageId, CancellationToken cancellationToken)
    {
        var (site, learner, progress) = await ELearningAsync(slug, cancellationToken);
        if (site is null || progress?.Pages.FirstOrDefault(p => p.Id == pageId) is not { } page)
        {
            return NotFound();
        }

        return learner is null ? Redirect(LearningLinks.SignInPath) : Show("ELearningPage", site, page.Title, new ELearningPageView(progress, page));
    }

    /// <summary>"Next" saves the page as finished, so the learner picks up after it on their next visit.</summary>
    [HttpPost(ELearningPaths.PageTemplate)]
    public async Task<IActionResult> ELearningPagePost(string slug, int pageId, CancellationToken cancellationToken)
    {
        var (site, learner, progress) = await ELearningAsync(slug, cancellationToken);
        if (site is null || progress?.Pages.FirstOrDefault(p => p.Id == pageId) is null)
        {
            return NotFound();
        }

        if (learner is null)
        {
            return Redirect(LearningLinks.SignInPath);
        }

        await elearning.FinishPageAsync(learner.Id, pageId, cancellationToken);
        return Redirect(progress.After(pageId) is { } next ? ELearningPaths.Page(slug, next.Id) : ELearningPaths.Check(slug));
    }

    [HttpGet(ELearningPaths.CheckTemplate)]
    public async Task<IActionResult> ELearningCheck(string slug, CancellationToken cancellationToken)
    {
        var (site, learner, progress) = await ELearningAsync(slug, cancellationToken);
        return site is null || progress is null ? NotFound()
            : learner is null ? Redirect(LearningLinks.SignInPath)
            : !progress.CheckOpen ? Redirect(ELearningPaths.Course(slug))
            : Show("ELearningCheck", site, "Knowledge check: " + progress.Course.Title,
                new ELearningCheckView(progress, await elearning.QuestionsAsync(progress.Course.Id, cancellationToken), new Dictionary<string, string?>(), new Dictionary<string, string>()));
    }

    [HttpPost(ELearningPaths.CheckTemplate)]
    public async Task<IActionResult> ELearningCheckPost(string slug, CancellationToken cancellationToken)
    {
        var (site, learner, progress) = await ELearningAsync(slug, cancellationToken);
        if (site is null || progress is null)
        {
            return NotFound();
        }

        if (learner is null)
        {
            return Redirect(LearningLinks.SignInPath);
        }

        var form = await Request.ReadFormAsync(cancellationToken);
        var answers = form.Where(f => f.Key.StartsWith('q')).ToDictionary(f => f.Key, f => f.Value.Count == 1 ? (string?)f.Value[0] : null);
        var result = await elearning.SubmitAsync(progress, learner, answers, cancellationToken);
        switch (result.Outcome)
        {
            case CheckOutcome.Passed:
                var passedLine = $"You answered {result.Correct} of {result.Questions} questions correctly and passed the knowledge check for {progress.Course.Title}.";
                return result.Certificate is { } certificate
                    ? Message(site, "You have completed the course",
                        [passedLine, "Your certificate of completion is ready. You can download it now, or at any time from your training account."],
                        link: ("Download your certificate (PDF)", EvaluationLinks.CertificatePdfPath(certificate.Id)))
                    : Message(site, "You have completed the course", [passedLine, "Your completion is recorded with your training history."],
                        link: ("See my bookings and training", LearningLinks.MyBookingsPath));
            case CheckOutcome.Failed:
                return Message(site, "Not passed this time",
                    [$"You answered {result.Correct} of {result.Questions} questions correctly; the pass mark is {progress.PassMarkPercent}%.", "Look back over the course pages, then try the check again."],
                    link: ("Try the check again", ELearningPaths.Check(slug)));
            case CheckOutcome.Invalid:
                Response.StatusCode = StatusCodes.Status400BadRequest;
                return Show("ELearningCheck", site, "Error: Knowledge check: " + progress.Course.Title,
                    new ELearningCheckView(progress, await elearning.QuestionsAsync(progress.Course.Id, cancellationToken), answers, result.Errors));
            default:
                return BadRequestMessage(site, "The check is not open yet", "Finish every page of the course before taking the knowledge check.");
        }
    }

    [HttpGet(LearningLinks.ExportPath)]
    public async Task<IActionResult> Export(CancellationToken cancellationToken) =>
        await SignedInAsync(cancellationToken) is { } learner && await accounts.ExportAsync(learner.Id, cancellationToken) is { } data
            ? File(System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(data, ExportJson),
                "application/json", "my-training-data.json")
            : Redirect(LearningLinks.SignInPath);

    [HttpGet(LearningLinks.DeletePath)]
    public async Task<IActionResult> Delete(CancellationToken cancellationToken) =>
        Page() is not { } site ? NotFound()
        : await SignedInAsync(cancellationToken) is null ? Redirect(LearningLinks.SignInPath)
        : Message(site, "Delete your training account",
            ["Deleting your account cancels your bookings and places on waiting lists, and erases your name, email address, job role and manager's address.", "Records of training you attended stay, without your details, for the partnership's reports. This cannot be undone."],
            new LearningAction(LearningLinks.DeletePath, null, "Delete my account"));

    [HttpPost(LearningLinks.DeletePath)]
    public async Task<IActionResult> DeletePost(CancellationToken cancellationToken)
    {
        if (Page() is not { } site)
        {
            return NotFound();
        }

        if (await SignedInAsync(cancellationToken) is not { } learner)
        {
            return Redirect(LearningLinks.SignInPath);
        }

        await accounts.DeleteAsync(learner.Id, cancellationToken);
        await HttpContext.SignOutAsync(LearnerAuthentication.Scheme);
        return Message(site, "Your account is deleted", ["Your bookings are cancelled and your details erased."]);
    }

    [HttpGet(LearningLinks.OfferPath)]
    public IActionResult Offer(string? token) => Page() is not { } site ? NotFound()
        : links.ReadOfferToken(token) is null ? BadRequestMessage(site, "This offer has ended", "The hold on this place has run out, so it has gone to the next person waiting.")
        : Message(site, "Take the place", ["Select the button to take the place offered to you."], new LearningAction(LearningLinks.OfferPath, token, "Take the place"));

    [HttpPost(LearningLinks.OfferPath)]
    public async Task<IActionResult> OfferPost([FromForm] string? token, CancellationToken cancellationToken)
    {
        if (Page() is not { } site)
        {
            return NotFound();
        }

        return links.ReadOfferToken(token) is { } bookingId && await bookings.AcceptOfferAsync(bookingId, cancellationToken)
            ? Message(site, "The place is yours", ["We have emailed you the confirmation."], link: ("See my bookings", LearningLinks.MyBookingsPath))
            : BadRequestMessage(site, "This offer has ended", "The hold on this place has run out or it has already been taken up.");
    }

    [HttpGet(LearningLinks.ApprovalPath)]
    public IActionResult Approve(string? token) => Page() is not { } site ? NotFound()
        : links.ReadApprovalToken(token) is null ? BadRequestMessage(site, "This link is not valid", "The approval link is incomplete or out of date.")
        : Message(site, "Approve this booking", ["Select the button to approve the training booking."], new LearningAction(LearningLinks.ApprovalPath, token, "Approve the booking"));

    [HttpPost(LearningLinks.ApprovalPath)]
    public async Task<IActionResult> ApprovePost([FromForm] string? token, CancellationToken cancellationToken)
    {
        if (Page() is not { } site)
        {
            return NotFound();
        }

        return links.ReadApprovalToken(token) is { } bookingId && await bookings.ApproveAsync(bookingId, cancellationToken)
            ? Message(site, "Booking approved", ["Thank you. We have told the learner that their place is confirmed."])
            : BadRequestMessage(site, "This link is not valid", "The booking has already been approved or is no longer waiting.");
    }

    private async Task<Learner?> SignedInAsync(CancellationToken cancellationToken)
    {
        var result = await HttpContext.AuthenticateAsync(LearnerAuthentication.Scheme);
        return result.Succeeded && LearnerAuthentication.LearnerId(result.Principal) is { } id
            ? await accounts.FindAsync(id, cancellationToken)
            : null;
    }

    private async Task<(SitePage? Site, Learner? Learner, ELearningProgress? Progress)> ELearningAsync(string slug, CancellationToken cancellationToken)
    {
        if (Page() is not { } site || slug.Length > LearningLimits.Slug)
        {
            return (null, null, null);
        }

        var learner = await SignedInAsync(cancellationToken);
        return (site, learner, await elearning.ProgressAsync(slug, learner?.Id ?? 0, cancellationToken));
    }

    private Task SignInLearnerAsync(Learner learner) =>
        HttpContext.SignInAsync(LearnerAuthentication.Scheme, LearnerAuthentication.Principal(learner.Id, learner.Email));



    private ViewResult Message(SitePage site, string heading, IReadOnlyList<string> lines, LearningAction? action = null, (string, string)? link = null) =>
        Show("Message", site, heading, new LearningMessageView(heading, lines, action, link));

    private ViewResult BadRequestMessage(SitePage site, string heading, string text)
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Message(site, heading, [text], link: ("Back to training", LearningLinks.ListingPath));
    }
}
