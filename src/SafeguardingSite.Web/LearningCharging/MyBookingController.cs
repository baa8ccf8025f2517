using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using SafeguardingSite.Content.Published;
using SafeguardingSite.Learning.Cancellation;
using SafeguardingSite.Learning.Charging;
using SafeguardingSite.Learning.Mail;
using SafeguardingSite.Web.Learning;
using SafeguardingSite.Web.Rendering;

namespace SafeguardingSite.Web.LearningCharging;

/// <param name="Token">The signed link's token, carried on to each form so no sign-in is needed.</param>
public sealed record MyBookingView(CancellationQuote Quote, string Token, SubstituteForm Form, IReadOnlyDictionary<string, string> Errors, string? Notice = null);

/// <summary>
/// The page the link in a booking confirmation opens: the learner sees when free cancellation ends, is told any
/// charge before confirming a cancellation, or hands the place to a colleague from the same organisation.
/// </summary>
[AutoValidateAntiforgeryToken]
public sealed class MyBookingController(
    IPublishedSnapshotAccessor snapshots,
    IOptions<SiteOptions> siteOptions,
    TimeProvider clock,
    CancellationService cancellations) : TrainingPageController(snapshots, siteOptions, clock, Views)
{
    private const string Views = "~/Views/MyBooking/";
    private static readonly CultureInfo UkCulture = CultureInfo.GetCultureInfo("en-GB");

    [HttpGet(BookingLinks.ManagePath)]
    public Task<IActionResult> Manage(string? token, CancellationToken cancellationToken) => ShowAsync("Manage", "Your booking", token, cancellationToken);

    [HttpGet(BookingLinks.CancelPath)]
    public Task<IActionResult> Cancel(string? token, CancellationToken cancellationToken) => ShowAsync("Cancel", "Cancel your place", token, cancellationToken);

    [HttpPost(BookingLinks.CancelPath)]
    public async Task<IActionResult> CancelPost([FromForm] string? token, [FromForm] string? acceptedAmount, CancellationToken cancellationToken)
    {
        if (Page() is not { } site)
        {
            return NotFound();
        }

        if (!decimal.TryParse(acceptedAmount, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var accepted) || acceptedAmount!.Length > 12)
        {
            return BadRequestMessage(site, "Something went wrong", "The cancellation form was incomplete. Open the link in your confirmation email again.");
        }

        var result = await cancellations.CancelAsync(token, accepted, cancellationToken);
        var quote = result.Quote;
        switch (result.Outcome)
        {
            case SelfServiceOutcome.Done:
                return Message(site, "Your place is cancelled", quote!.AmountDue > 0
                    ? [$"Your place on {quote.Course.Title} is cancelled and has been offered to the next person waiting.", $"Because the free cancellation period had ended, a charge of {ChargeNotifier.Money(quote.AmountDue)} will be invoiced to {quote.Organisation.Name}."]
                    : [$"Your place on {quote.Course.Title} is cancelled, free of charge. Thank you for letting us know in time."]);
            case SelfServiceOutcome.QuoteChanged:
                Response.StatusCode = StatusCodes.Status409Conflict;
                return Show("Cancel", site, "Cancel your place", new MyBookingView(quote!, token!, new SubstituteForm(), new Dictionary<string, string>(),
                    "The free cancellation period ended while this page was open. Check the charge below before you confirm."));
            case SelfServiceOutcome.AlreadyCancelled:
                return Message(site, "Already cancelled", ["This booking is no longer active, so there was nothing to cancel."]);
            case SelfServiceOutcome.SessionStarted:
                return BadRequestMessage(site, "The session has started", "Bookings cannot be cancelled once the session has begun. Contact the training team if you could not attend.");
            default:
                return InvalidLink(site);
        }
    }

    [HttpGet(BookingLinks.SubstitutePath)]
    public Task<IActionResult> Substitute(string? token, CancellationToken cancellationToken) => ShowAsync("Substitute", "Send a colleague instead", token, cancellationToken);

    [HttpPost(BookingLinks.SubstitutePath)]
    public async Task<IActionResult> SubstitutePost([FromForm] string? token, [FromForm] SubstituteForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (Page() is not { } site)
        {
            return NotFound();
        }

        var result = await cancellations.SubstituteAsync(token, form, cancellationToken);
        switch (result.Outcome)
        {
            case SelfServiceOutcome.Done:
                return Message(site, "Your colleague has your place", [$"We have moved your place on {result.Quote!.Course.Title} to {form.Name!.Trim()} and emailed them the confirmation. There is no charge for sending a colleague."]);
            case SelfServiceOutcome.Invalid:
                Response.StatusCode = StatusCodes.Status400BadRequest;
                return Show("Substitute", site, "Error: Send a colleague instead", new MyBookingView(result.Quote!, token!, form, result.Errors!));
            case SelfServiceOutcome.AlreadyCancelled:
                return Message(site, "This booking has changed", ["This booking is no longer yours to pass on: it has been cancelled or already given to a colleague."]);
            case SelfServiceOutcome.SessionStarted:
                return BadRequestMessage(site, "The session has started", "A colleague can take your place only until the session begins.");
            default:
                return InvalidLink(site);
        }
    }

    public static string UkDateTime(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(utc, WorkingDayCalendar.UkTime).ToString("dddd d MMMM yyyy 'at' h:mmtt", UkCulture).Replace("AM", "am", StringComparison.Ordinal).Replace("PM", "pm", StringComparison.Ordinal);

    private async Task<IActionResult> ShowAsync(string view, string title, string? token, CancellationToken cancellationToken)
    {
        if (Page() is not { } site)
        {
            return NotFound();
        }

        if (await cancellations.QuoteAsync(token, cancellationToken) is not { } quote)
        {
            return InvalidLink(site);
        }

        if (!quote.CanChange)
        {
            return Message(site, "This booking is no longer active", [$"Your booking on {quote.Course.Title} has been cancelled or passed on, so there is nothing to change."]);
        }

        if (cancellations.HasStarted(quote.Session))
        {
            return Message(site, "The session has started", [$"{quote.Course.Title} began on {UkDateTime(quote.Session.StartsAt)}. Bookings cannot be changed once a session has begun."]);
        }

        return Show(view, site, title, new MyBookingView(quote, token!, new SubstituteForm { ManagerEmail = quote.Learner.ManagerEmail }, new Dictionary<string, string>()));
    }



    private ViewResult Message(SitePage site, string heading, IReadOnlyList<string> lines)
    {
        ViewData["Title"] = heading;
        ViewData[ViewKey] = new LearningMessageView(heading, lines, Link: ("Find other training", LearningLinks.ListingPath));
        return View("~/Views/Learning/Message.cshtml", site);
    }

    private ViewResult BadRequestMessage(SitePage site, string heading, string text)
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Message(site, heading, [text]);
    }

    private ViewResult InvalidLink(SitePage site) =>
        BadRequestMessage(site, "This link is not valid", "The link is incomplete, or the booking has been passed to someone else. Use the link in the most recent email about this booking.");
}
