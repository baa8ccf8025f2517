using System.Globalization;
using System.Net;
using System.Text;
using MimeKit;
using SafeguardingSite.Learning.Calendar;
using SafeguardingSite.Learning.Model;

namespace SafeguardingSite.Learning.Mail;

/// <summary>One mail: its lines (paragraphs), an optional button link, and whether the session's invite goes with it.</summary>
internal sealed record MailContent(string Subject, IReadOnlyList<string> Lines, (string Text, string Url)? Action = null);

/// <summary>
/// Builds the learning module's mail with a plain-text and an HTML part from the same lines. Times are shown in UK
/// time because that is where the sessions happen; the attached invite carries UTC for calendars to convert.
/// </summary>
public sealed class LearningMessages(LearningLinks links, SessionCalendar calendar, Cancellation.BookingLinks bookingLinks, Evaluation.EvaluationLinks evaluationLinks)
{
    private const string Wrapper = "font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#1b1b1b;background:#ffffff;max-width:640px;margin:0 auto;padding:16px";
    private const string LinkStyle = "color:#0b4f8a;text-decoration:underline";
    private static readonly TimeZoneInfo UkTime = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    public MimeMessage ConfirmEmail(Learner learner, string token) => Build(learner, new MailContent(
        "Confirm your training account",
        ["Thank you for creating a training account with the partnership.", "Confirm that this address is yours by following the link below. The link works once and expires in a few days. If you did not ask for an account, ignore this email."],
        ("Confirm my account", links.WithToken(LearningLinks.ConfirmPath, token))));

    public MimeMessage SignIn(Learner learner, string token) => Build(learner, new MailContent(
        "Your link to sign in to training",
        ["Use the link below to sign in to your training account. It works once and expires soon. If you did not ask to sign in, ignore this email: nobody can sign in without it."],
        ("Sign in", links.WithToken(LearningLinks.SignInLinkPath, token))));

    /// <summary>The mail for a booking event. The line manager is copied on confirmations and asked on approvals.</summary>
    public MimeMessage Booking(LearningMail kind, Booking booking)
    {
        ArgumentNullException.ThrowIfNull(booking);
        var learner = booking.Learner ?? throw new InvalidOperationException("Load the booking's learner.");
        var session = booking.Session ?? throw new InvalidOperationException("Load the booking's session.");
        var course = session.Course ?? throw new InvalidOperationException("Load the session's course.");
        var when = $"{course.Title}, {Describe(session)}";
        var myBookings = ("See my bookings", links.Absolute(LearningLinks.MyBookingsPath));
        var content = kind switch
        {
            LearningMail.Confirmed => new MailContent($"Booking confirmed: {course.Title}",
                [$"Your place is confirmed on {when}.", Where(session, course), "The calendar invitation is attached. If you can no longer attend, cancel or send a colleague from your organisation instead with the link below, so the place is not wasted.", BeforeCourseQuestions(booking)],
                ("Cancel or pass on my place", bookingLinks.Manage(booking.Id, booking.LearnerId))),
            LearningMail.ApprovalRequested => new MailContent($"Booking waiting for your manager: {course.Title}",
                [$"We are holding a place for you on {when}.", $"This course needs your line manager's approval. We have asked {learner.ManagerEmail} to approve it; you will hear from us when they do."],
                myBookings),
            LearningMail.Waiting => new MailContent($"On the waiting list: {course.Title}",
                [$"{when} is full, so you are on its waiting list.", "If a place comes up, it is offered to the people waiting in the order they joined. We will email you with a link to take it."],
                myBookings),
            LearningMail.PlaceOffered => new MailContent($"A place is free for you: {course.Title}",
                [$"A place has come up on {when}.", $"It is held for you until {UkDateTime(booking.OfferExpiresAt ?? session.StartsAt)}. After that it is offered to the next person waiting."],
                ("Take the place", links.WithToken(LearningLinks.OfferPath, links.OfferToken(booking.Id, booking.OfferExpiresAt ?? session.StartsAt)))),
            LearningMail.OfferLapsed => new MailContent($"Offer expired: {course.Title}",
                [$"The place we held for you on {when} was not taken up in time and has gone to the next person waiting.", "You can book another date from the training pages."],
                ("Find training", links.Absolute(LearningLinks.ListingPath))),
            LearningMail.Cancelled => new MailContent($"Booking cancelled: {course.Title}",
                [$"Your booking on {when} is cancelled."],
                ("Find training", links.Absolute(LearningLinks.ListingPath))),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };

        var message = Build(learner, content, kind == LearningMail.Confirmed ? calendar.Invite(session) : kind == LearningMail.Cancelled ? calendar.Invite(session, cancelled: true) : null);
        if (kind is LearningMail.Confirmed or LearningMail.Cancelled && !string.IsNullOrEmpty(learner.ManagerEmail))
        {
            message.Cc.Add(MailboxAddress.Parse(learner.ManagerEmail));
        }

        return message;
    }

    /// <summary>The request to the line manager, with a link that approves the booking.</summary>
    public MimeMessage ApprovalRequest(Booking booking)
    {
        ArgumentNullException.ThrowIfNull(booking);
        var learner = booking.Learner!;
        var session = booking.Session!;
        var content = new MailContent($"Please approve training for {learner.Name}",
            [$"{learner.Name} ({learner.JobRole}) has asked to attend {session.Course!.Title}, {Describe(session)}.", "A place is being held. Approve the booking with the link below; if you do not approve it, no action is needed and you can ask the training team to release the place."],
            ("Approve the booking", links.WithToken(LearningLinks.ApprovalPath, links.ApprovalToken(booking.Id))));
        var message = Build(new MailboxAddress(learner.ManagerEmail, learner.ManagerEmail), "Dear manager", content, invite: null);
        return message;
    }

    public MimeMessage Reminder(BookingMailKind kind, Booking booking)
    {
        ArgumentNullException.ThrowIfNull(booking);
        var session = booking.Session!;
        var course = session.Course!;
        var content = kind == BookingMailKind.Reminder
            ? new MailContent($"Reminder: {course.Title}", [$"This is a reminder that you are booked on {course.Title}, {Describe(session)}.", Where(session, course), "If you can no longer attend, cancel from your bookings page as soon as you can.", BeforeCourseQuestions(booking)], ("See my bookings", links.Absolute(LearningLinks.MyBookingsPath)))
            : new MailContent($"Joining instructions: {course.Title}", [$"Your session, {Describe(session)}, is coming up.", Where(session, course), session.JoiningInstructions ?? "Please arrive ten minutes early so the session can start on time."], ("See my bookings", links.Absolute(LearningLinks.MyBookingsPath)));
        return Build(booking.Learner!, content, calendar.Invite(session));
    }

    /// <summary>The before-course questions travel with the confirmation and the reminder, the two mails every learner gets.</summary>
    private string BeforeCourseQuestions(Booking booking) =>
        "Before the course, please tell us where you are starting from (a few questions on your confidence and knowledge): "
        + evaluationLinks.Questionnaire(new Evaluation.EvaluationTicket(booking.Id, booking.LearnerId, Evaluation.EvaluationStage.BeforeCourse, Evaluation.Respondent.Learner));

    private static string Where(CourseSession session, Course course) =>
        course.DeliveryMode == DeliveryMode.LiveOnline
            ? $"It is online. Join at {session.JoiningLink ?? "the link we will send before the day"}."
            : $"Venue: {session.Venue ?? "to be confirmed"}.";

    /// <summary>"Tuesday 8 December 2026, 09:30 to 12:30" (and the other dates for multi-day sessions).</summary>
    public static string Describe(CourseSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        var dates = session.Dates.Count > 0 ? session.Dates.OrderBy(d => d.StartsAt).Select(d => (d.StartsAt, d.EndsAt)).ToList() : [(session.StartsAt, session.EndsAt)];
        return string.Join("; ", dates.Select(d => $"{UkDateTime(d.StartsAt)} to {UkTimeOfDay(d.EndsAt)}"));
    }

    public static string UkDateTime(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), UkTime).ToString("dddd d MMMM yyyy, HH:mm", CultureInfo.GetCultureInfo("en-GB"));

    public static string UkTimeOfDay(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), UkTime).ToString("HH:mm", CultureInfo.InvariantCulture);

    internal static MimeMessage Build(Learner learner, MailContent content, string? invite = null) =>
        Build(new MailboxAddress(learner.Name, learner.Email), $"Dear {learner.Name},", content, invite);

    internal static MimeMessage Build(MailboxAddress to, string greeting, MailContent content, string? invite)
    {
        var message = new MimeMessage { Subject = content.Subject };
        message.To.Add(to);
        var text = new StringBuilder().AppendLine(greeting).AppendLine();
        var html = new StringBuilder($"<h1 style=\"font-size:24px\">{Encode(content.Subject)}</h1><p>{Encode(greeting)}</p>");
        foreach (var line in content.Lines)
        {
            text.AppendLine(line).AppendLine();
            html.Append($"<p>{Encode(line)}</p>");
        }

        if (content.Action is { } action)
        {
            text.AppendLine($"{action.Text}: {action.Url}");
            html.Append($"<p><a style=\"{LinkStyle}\" href=\"{Encode(action.Url)}\">{Encode(action.Text)}</a></p>");
        }

        var body = new BodyBuilder
        {
            TextBody = text.ToString(),
            HtmlBody = $"<!DOCTYPE html><html lang=\"en-GB\"><head><meta charset=\"utf-8\"><title>{Encode(content.Subject)}</title></head><body style=\"margin:0\"><main style=\"{Wrapper}\">{html}</main></body></html>",
        };
        if (invite is not null)
        {
            var type = new ContentType("text", "calendar") { Charset = "utf-8" };
            type.Parameters.Add("method", invite.Contains("METHOD:CANCEL", StringComparison.Ordinal) ? "CANCEL" : "PUBLISH");
            body.Attachments.Add("session.ics", Encoding.UTF8.GetBytes(invite), type);
        }

        message.Body = body.ToMessageBody();
        return message;
    }

    private static string Encode(string value) => WebUtility.HtmlEncode(value);
}
