using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using SafeguardingSite.BackOffice.Audit;
using SafeguardingSite.BackOffice.Extensibility;
using SafeguardingSite.Learning.Bookings;
using SafeguardingSite.Learning.Catalogue;
using SafeguardingSite.Learning.Model;

namespace SafeguardingSite.Learning.BackOffice;

public sealed record CourseEditPage(int? Id, CourseForm Form);

public sealed record SessionEditPage(int? Id, SessionForm Form, IReadOnlyList<Course> Courses, CourseSession? Session);

public sealed record OrganisationEditPage(int? Id, OrganisationForm Form);

public sealed record SessionListPage(AdminPage<CourseSession> Sessions, IReadOnlyList<Course> Courses, int? CourseId, SessionStatus? Status, bool UpcomingOnly);

public sealed record OrganisationListPage(AdminPage<Organisation> Organisations, string? Search, OrganisationSector? Sector);

public sealed record CourseListPage(AdminPage<Course> Courses, string? Search);

public sealed record SessionBookingsPage(CourseSession Session, IReadOnlyList<Booking> Bookings, IReadOnlyList<CourseSession> MoveTargets);

/// <summary>The training team's screens: the catalogue, sessions, organisations and each session's bookings.</summary>
[Area("BackOffice")]
[Authorize(Policy = BackOfficePolicies.TrainingManage)]
[AutoValidateAntiforgeryToken]
[Route("umbraco/" + LearningRegistration.SectionSlug)]
public sealed class TrainingController(TrainingAdminService admin, BookingService bookings, BackOfficeAudit audit) : Controller
{
    public const string AuditPrefix = "training: ";

    [HttpGet("")]
    public IActionResult Index() => RedirectToAction(nameof(Sessions));

    [HttpGet("courses")]
    public async Task<IActionResult> Courses(string? search, string? page, CancellationToken cancellationToken)
    {
        ViewData["Notice"] = TempData["Notice"];
        return View(new CourseListPage(await admin.CoursesAsync(search, PageNumber(page), cancellationToken), search));
    }

    [HttpGet("courses/new")]
    public IActionResult NewCourse() => View("CourseEdit", new CourseEditPage(null, new CourseForm { Level = "1", DurationMinutes = "180", DeliveryMode = nameof(DeliveryMode.FaceToFace) }));

    [HttpPost("courses/new")]
    public Task<IActionResult> NewCourse(CourseForm form, CancellationToken cancellationToken) => SaveCourseAsync(null, form, cancellationToken);

    [HttpGet("courses/{id:int}")]
    public async Task<IActionResult> EditCourse(int id, CancellationToken cancellationToken) =>
        await admin.CourseAsync(id, cancellationToken) is { } course
            ? View("CourseEdit", new CourseEditPage(id, TrainingAdminService.FormFor(course)))
            : NotFound();

    [HttpPost("courses/{id:int}")]
    public Task<IActionResult> EditCourse(int id, CourseForm form, CancellationToken cancellationToken) => SaveCourseAsync(id, form, cancellationToken);

    [HttpGet("sessions")]
    public async Task<IActionResult> Sessions(string? course, string? status, string? upcoming, string? page, CancellationToken cancellationToken)
    {
        var courseId = int.TryParse(course, NumberStyles.None, CultureInfo.InvariantCulture, out var c) ? c : (int?)null;
        var wanted = Enum.TryParse<SessionStatus>(status, out var s) && Enum.IsDefined(s) && !int.TryParse(status, out _) ? s : (SessionStatus?)null;
        var upcomingOnly = upcoming != "all";
        ViewData["Notice"] = TempData["Notice"];
        return View(new SessionListPage(await admin.SessionsAsync(courseId, wanted, upcomingOnly, PageNumber(page), cancellationToken),
            await admin.CourseChoicesAsync(cancellationToken), courseId, wanted, upcomingOnly));
    }

    [HttpGet("sessions/new")]
    public async Task<IActionResult> NewSession(string? course, CancellationToken cancellationToken) =>
        View("SessionEdit", new SessionEditPage(null, new SessionForm { CourseId = course, Capacity = "20", Status = nameof(SessionStatus.Scheduled) },
            await admin.CourseChoicesAsync(cancellationToken), null));

    [HttpPost("sessions/new")]
    public Task<IActionResult> NewSession(SessionForm form, CancellationToken cancellationToken) => SaveSessionAsync(null, form, cancellationToken);

    [HttpGet("sessions/{id:int}")]
    public async Task<IActionResult> EditSession(int id, CancellationToken cancellationToken) =>
        await admin.SessionAsync(id, cancellationToken) is { } session
            ? View("SessionEdit", new SessionEditPage(id, TrainingAdminService.FormFor(session), await admin.CourseChoicesAsync(cancellationToken), session))
            : NotFound();

    [HttpPost("sessions/{id:int}")]
    public Task<IActionResult> EditSession(int id, SessionForm form, CancellationToken cancellationToken) => SaveSessionAsync(id, form, cancellationToken);

    [HttpGet("sessions/{id:int}/bookings")]
    public async Task<IActionResult> SessionBookings(int id, CancellationToken cancellationToken)
    {
        if (await admin.SessionAsync(id, cancellationToken) is not { } session)
        {
            return NotFound();
        }

        ViewData["Notice"] = TempData["Notice"];
        return View(new SessionBookingsPage(session, await admin.SessionBookingsAsync(id, cancellationToken), await admin.MoveTargetsAsync(id, cancellationToken)));
    }

    /// <summary>Books a learner by hand, even after booking has closed; the session's capacity still applies.</summary>
    [HttpPost("sessions/{id:int}/bookings/late")]
    public async Task<IActionResult> AddLateBooking(int id, [FromForm] string? email, CancellationToken cancellationToken)
    {
        if (await admin.LearnerByEmailAsync(email, cancellationToken) is not { } learner)
        {
            return await BookingsProblemAsync(id, "email", "No learner has an account with that email address. Ask them to register first.", cancellationToken);
        }

        var result = await bookings.AddLateBookingAsync(learner.Id, id, Actor, cancellationToken);
        if (result.Outcome is not (BookingOutcome.Confirmed or BookingOutcome.AlreadyBooked))
        {
            return await BookingsProblemAsync(id, "email", result.Problem ?? "The booking could not be made.", cancellationToken);
        }

        await audit.RecordAsync(AuditPrefix + "late booking added", ActorName, $"session {id}", $"{learner.Email}: {result.Outcome}", cancellationToken);
        TempData["Notice"] = result.Outcome == BookingOutcome.AlreadyBooked ? $"{learner.Name} was already booked." : $"{learner.Name} is booked.";
        return RedirectToAction(nameof(SessionBookings), new { id });
    }

    [HttpPost("bookings/{bookingId:int}/move")]
    public async Task<IActionResult> MoveBooking(int bookingId, [FromForm] string? targetSession, CancellationToken cancellationToken)
    {
        if (await admin.BookingAsync(bookingId, cancellationToken) is not { } booking)
        {
            return NotFound();
        }

        if (!int.TryParse(targetSession, NumberStyles.None, CultureInfo.InvariantCulture, out var target))
        {
            return await BookingsProblemAsync(booking.SessionId, "targetSession", "Choose the session to move the learner to.", cancellationToken);
        }

        var result = await bookings.MoveAsync(bookingId, target, Actor, cancellationToken);
        if (result.Outcome != BookingOutcome.Confirmed)
        {
            return await BookingsProblemAsync(booking.SessionId, "targetSession", result.Problem ?? "The learner could not be moved.", cancellationToken);
        }

        await audit.RecordAsync(AuditPrefix + "learner moved", ActorName, $"booking {bookingId}", $"{booking.Learner?.Email}: session {booking.SessionId} to {target}", cancellationToken);
        TempData["Notice"] = $"{booking.Learner?.Name} moved.";
        return RedirectToAction(nameof(SessionBookings), new { id = booking.SessionId });
    }

    /// <summary>Cancels a booking by hand; the freed place goes to the waiting list.</summary>
    [HttpPost("bookings/{bookingId:int}/release")]
    public async Task<IActionResult> ReleasePlace(int bookingId, [FromForm] string? reason, CancellationToken cancellationToken)
    {
        if (await admin.BookingAsync(bookingId, cancellationToken) is not { } booking)
        {
            return NotFound();
        }

        var why = reason?.Trim() ?? string.Empty;
        if (why.Length is 0 or > LearningLimits.Reason || why.Any(char.IsControl))
        {
            return await BookingsProblemAsync(booking.SessionId, "reason", $"Give a reason for releasing the place, up to {LearningLimits.Reason} characters.", cancellationToken);
        }

        if (await bookings.CancelAsync(bookingId, Actor, why, cancellationToken))
        {
            await audit.RecordAsync(AuditPrefix + "place released", ActorName, $"booking {bookingId}", $"{booking.Learner?.Email}: {why}", cancellationToken);
            TempData["Notice"] = $"The place held by {booking.Learner?.Name} is released.";
        }
        else
        {
            TempData["Notice"] = "That booking was already cancelled.";
        }

        return RedirectToAction(nameof(SessionBookings), new { id = booking.SessionId });
    }

    [HttpGet("organisations")]
    public async Task<IActionResult> Organisations(string? search, string? sector, string? page, CancellationToken cancellationToken)
    {
        var wanted = Enum.TryParse<OrganisationSector>(sector, out var s) && Enum.IsDefined(s) && !int.TryParse(sector, out _) ? s : (OrganisationSector?)null;
        ViewData["Notice"] = TempData["Notice"];
        return View(new OrganisationListPage(await admin.OrganisationsAsync(search, wanted, PageNumber(page), cancellationToken), search, wanted));
    }

    [HttpGet("organisations/new")]
    public IActionResult NewOrganisation() => View("OrganisationEdit", new OrganisationEditPage(null, new OrganisationForm { Sector = nameof(OrganisationSector.LocalAuthority), IsActive = true }));

    [HttpPost("organisations/new")]
    public Task<IActionResult> NewOrganisation(OrganisationForm form, CancellationToken cancellationToken) => SaveOrganisationAsync(null, form, cancellationToken);

    [HttpGet("organisations/{id:int}")]
    public async Task<IActionResult> EditOrganisation(int id, CancellationToken cancellationToken) =>
        await admin.OrganisationAsync(id, cancellationToken) is { } organisation
            ? View("OrganisationEdit", new OrganisationEditPage(id, new OrganisationForm
            {
                Name = organisation.Name, Sector = organisation.Sector.ToString(), IsPartnerAgency = organisation.IsPartnerAgency,
                IsChargeExempt = organisation.IsChargeExempt, IsActive = organisation.IsActive,
            }))
            : NotFound();

    [HttpPost("organisations/{id:int}")]
    public Task<IActionResult> EditOrganisation(int id, OrganisationForm form, CancellationToken cancellationToken) => SaveOrganisationAsync(id, form, cancellationToken);

    private async Task<IActionResult> SaveCourseAsync(int? id, CourseForm form, CancellationToken cancellationToken)
    {
        var result = await admin.SaveCourseAsync(id, form, cancellationToken);
        if (!result.Saved)
        {
            return Invalid("CourseEdit", new CourseEditPage(id, form), result);
        }

        await audit.RecordAsync(AuditPrefix + (id is null ? "course created" : "course updated"), ActorName, $"course {result.Id}", form.Title, cancellationToken);
        TempData["Notice"] = $"{form.Title} is saved.";
        return RedirectToAction(nameof(Courses));
    }

    private async Task<IActionResult> SaveSessionAsync(int? id, SessionForm form, CancellationToken cancellationToken)
    {
        var result = await admin.SaveSessionAsync(id, form, cancellationToken);
        if (!result.Saved)
        {
            var session = id is { } existing ? await admin.SessionAsync(existing, cancellationToken) : null;
            return Invalid("SessionEdit", new SessionEditPage(id, form, await admin.CourseChoicesAsync(cancellationToken), session), result);
        }

        await audit.RecordAsync(AuditPrefix + (id is null ? "session created" : "session updated"), ActorName, $"session {result.Id}", form.Status, cancellationToken);
        TempData["Notice"] = "The session is saved.";
        return RedirectToAction(nameof(Sessions));
    }

    private async Task<IActionResult> SaveOrganisationAsync(int? id, OrganisationForm form, CancellationToken cancellationToken)
    {
        var result = await admin.SaveOrganisationAsync(id, form, cancellationToken);
        if (!result.Saved)
        {
            return Invalid("OrganisationEdit", new OrganisationEditPage(id, form), result);
        }

        await audit.RecordAsync(AuditPrefix + (id is null ? "organisation created" : "organisation updated"), ActorName, $"organisation {result.Id}", form.Name, cancellationToken);
        TempData["Notice"] = $"{form.Name} is saved.";
        return RedirectToAction(nameof(Organisations));
    }

    private ViewResult Invalid(string view, object model, SaveResult result)
    {
        foreach (var (field, message) in result.Errors)
        {
            ModelState.AddModelError(field, message);
        }

        Response.StatusCode = StatusCodes.Status400BadRequest;
        return View(view, model);
    }

    private async Task<IActionResult> BookingsProblemAsync(int sessionId, string field, string message, CancellationToken cancellationToken)
    {
        if (await admin.SessionAsync(sessionId, cancellationToken) is not { } session)
        {
            return NotFound();
        }

        ModelState.AddModelError(field, message);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return View(nameof(SessionBookings), new SessionBookingsPage(session, await admin.SessionBookingsAsync(sessionId, cancellationToken), await admin.MoveTargetsAsync(sessionId, cancellationToken)));
    }

    private static int PageNumber(string? page) =>
        int.TryParse(page, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number is >= 1 and <= 100_000 ? number : 1;

    private string ActorName => User.Identity?.Name ?? "unknown";

    private BookingActor Actor => BookingActor.Administrator(ActorName);
}
