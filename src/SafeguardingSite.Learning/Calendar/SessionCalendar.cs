using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using SafeguardingSite.Learning.Mail;
using SafeguardingSite.Learning.Model;

namespace SafeguardingSite.Learning.Calendar;

/// <summary>
/// iCalendar files for sessions: one event per date of a session, in UTC, with a stable UID per date so a calendar
/// that imports the feed again updates events rather than duplicating them.
/// </summary>
public sealed class SessionCalendar(LearningLinks links)
{
    public const string ContentType = "text/calendar; charset=utf-8";
    private const string ProductId = "-//Northdale Safeguarding Children Partnership//Training//EN";

    /// <summary>A feed of many sessions (the public calendar).</summary>
    public string Feed(IEnumerable<CourseSession> sessions) => Serialize(Build(sessions, method: "PUBLISH"));

    /// <summary>One session, as an invitation attached to a booking confirmation or downloaded from its page.</summary>
    public string Invite(CourseSession session, bool cancelled = false) =>
        Serialize(Build([session], cancelled ? "CANCEL" : "PUBLISH", cancelled));

    private Ical.Net.Calendar Build(IEnumerable<CourseSession> sessions, string method, bool cancelled = false)
    {
        var calendar = new Ical.Net.Calendar { ProductId = ProductId, Method = method };
        var host = new Uri(links.BaseUrl).Host;
        foreach (var session in sessions)
        {
            var course = session.Course ?? throw new InvalidOperationException("Load the session's course before building its calendar.");
            var dates = session.Dates.Count > 0 ? session.Dates.OrderBy(d => d.StartsAt).ToList()
                : [new SessionDate { Id = 0, StartsAt = session.StartsAt, EndsAt = session.EndsAt }];
            var page = links.Absolute(LearningLinks.SessionPath(session.Id));
            for (var i = 0; i < dates.Count; i++)
            {
                var date = dates[i];
                calendar.Events.Add(new CalendarEvent
                {
                    Uid = $"session-{session.Id}-{i + 1}@{host}",
                    Summary = dates.Count > 1 ? $"{course.Title} (part {i + 1} of {dates.Count})" : course.Title,
                    Description = $"{course.Summary}\n\nDetails and booking: {page}",
                    Location = session.JoiningLink is { Length: > 0 } link && course.DeliveryMode == DeliveryMode.LiveOnline ? link : session.Venue,
                    Url = new Uri(page),
                    DtStart = new CalDateTime(DateTime.SpecifyKind(date.StartsAt, DateTimeKind.Utc)),
                    DtEnd = new CalDateTime(DateTime.SpecifyKind(date.EndsAt, DateTimeKind.Utc)),
                    Status = cancelled || session.Status == SessionStatus.Cancelled ? "CANCELLED" : "CONFIRMED",
                });
            }
        }

        return calendar;
    }

    private static string Serialize(Ical.Net.Calendar calendar) =>
        new CalendarSerializer().SerializeToString(calendar) ?? throw new InvalidOperationException("The calendar did not serialise.");
}
