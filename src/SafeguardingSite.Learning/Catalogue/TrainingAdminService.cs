using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using SafeguardingSite.Learning.Bookings;
using SafeguardingSite.Learning.Data;
using SafeguardingSite.Learning.Model;

namespace SafeguardingSite.Learning.Catalogue;

/// <summary>The course form as posted: text throughout, so a wrong type is a message beside the field.</summary>
public sealed class CourseForm
{
    public string? Title { get; set; }
    public string? Slug { get; set; }
    public string? Summary { get; set; }
    public string? LearningOutcomes { get; set; }
    public string? Level { get; set; }
    public string? Audience { get; set; }
    public string? Prerequisites { get; set; }
    public string? DurationMinutes { get; set; }
    public string? DeliveryMode { get; set; }

    /// <summary>Comma-separated.</summary>
    public string? Topics { get; set; }
    public string? RefresherMonths { get; set; }
    public bool RequiresManagerApproval { get; set; }
    public bool IsPublished { get; set; }
}

public sealed class SessionForm
{
    public string? CourseId { get; set; }

    /// <summary>One date a line, UK time: "2026-12-08 09:30-12:30".</summary>
    public string? Dates { get; set; }
    public string? Venue { get; set; }
    public string? JoiningLink { get; set; }
    public string? JoiningInstructions { get; set; }
    public string? Trainer { get; set; }
    public string? Capacity { get; set; }
    public string? OrganisationQuota { get; set; }

    /// <summary>UK date and time, "2026-11-01 09:00"; empty for no limit.</summary>
    public string? BookingOpensAt { get; set; }
    public string? BookingClosesAt { get; set; }
    public string? Status { get; set; }
}

public sealed class OrganisationForm
{
    public string? Name { get; set; }
    public string? Sector { get; set; }
    public bool IsPartnerAgency { get; set; }
    public bool IsChargeExempt { get; set; }

    /// <summary>No default: an unticked box posts nothing, which must read as false.</summary>
    public bool IsActive { get; set; }
}

public sealed record AdminPage<T>(IReadOnlyList<T> Items, int Page, int Total)
{
    public const int PageSize = 25;

    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

public sealed record SaveResult(int? Id, IReadOnlyDictionary<string, string> Errors)
{
    public bool Saved => Id is not null;
}

/// <summary>Back-office management of courses, sessions and organisations, validated field by field.</summary>
public sealed partial class TrainingAdminService(IDbContextFactory<LearningDbContext> databases, TimeProvider clock, BookingService bookings)
{
    public const string DateLineFormat = "yyyy-MM-dd HH:mm";
    private static readonly TimeZoneInfo UkTime = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    public async Task<AdminPage<Course>> CoursesAsync(string? search, int page, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var query = db.Courses.AsNoTracking();
        if (Search(search) is { } term)
        {
            query = query.Where(c => c.Title.ToLower().Contains(term) || c.Slug.Contains(term));
        }

        return await PageAsync(query.OrderBy(c => c.Title), page, cancellationToken);
    }

    public async Task<Course?> CourseAsync(int id, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        return await db.Courses.AsNoTracking().Include(c => c.Topics).FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
    }

    public static CourseForm FormFor(Course course)
    {
        ArgumentNullException.ThrowIfNull(course);
        return new CourseForm
        {
            Title = course.Title, Slug = course.Slug, Summary = course.Summary, LearningOutcomes = course.LearningOutcomes,
            Level = course.Level.ToString(CultureInfo.InvariantCulture), Audience = course.Audience, Prerequisites = course.Prerequisites,
            DurationMinutes = course.DurationMinutes.ToString(CultureInfo.InvariantCulture), DeliveryMode = course.DeliveryMode.ToString(),
            Topics = string.Join(", ", course.Topics.Select(t => t.Name)), RefresherMonths = course.RefresherMonths?.ToString(CultureInfo.InvariantCulture),
            RequiresManagerApproval = course.RequiresManagerApproval, IsPublished = course.IsPublished,
        };
    }

    public async Task<SaveResult> SaveCourseAsync(int? id, CourseForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var errors = new Dictionary<string, string>();
        var title = Text(errors, nameof(form.Title), "a title", form.Title, LearningLimits.Title, required: true);
        var slug = (form.Slug ?? string.Empty).Trim().ToLowerInvariant();
        if (slug.Length == 0)
        {
            slug = Slugify(title ?? string.Empty);
        }

        if (slug.Length == 0 || slug.Length > LearningLimits.Slug || !SlugPattern().IsMatch(slug))
        {
            errors[nameof(form.Slug)] = "Use lower-case letters, numbers and hyphens for the web address, up to 120 characters.";
        }

        var summary = Text(errors, nameof(form.Summary), "a summary", form.Summary, LearningLimits.Summary, required: true);
        var outcomes = Text(errors, nameof(form.LearningOutcomes), "the learning outcomes", form.LearningOutcomes, LearningLimits.LongText, required: true, multiline: true);
        var audience = Text(errors, nameof(form.Audience), "the audience", form.Audience, LearningLimits.Audience, required: true);
        var prerequisites = Text(errors, nameof(form.Prerequisites), "the prerequisites", form.Prerequisites, LearningLimits.LongText, required: false, multiline: true);
        var level = Number(errors, nameof(form.Level), "Choose a level from 1 to 3.", form.Level, 1, 3, required: true);
        var duration = Number(errors, nameof(form.DurationMinutes), "Enter the duration in minutes, from 15 to 6000.", form.DurationMinutes, 15, 6000, required: true);
        var refresher = Number(errors, nameof(form.RefresherMonths), "Enter the refresher interval in months, from 1 to 120, or leave it empty.", form.RefresherMonths, 1, 120, required: false);
        if (!Enum.TryParse<DeliveryMode>(form.DeliveryMode, out var mode) || !Enum.IsDefined(mode) || int.TryParse(form.DeliveryMode, out _))
        {
            errors[nameof(form.DeliveryMode)] = "Choose how the course is delivered.";
        }

        var topics = (form.Topics ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (topics.Count > LearningLimits.Topics || topics.Any(t => t.Length > LearningLimits.Topic || t.Any(c => char.IsControl(c) || c is '<' or '>')))
        {
            errors[nameof(form.Topics)] = $"List up to {LearningLimits.Topics} topics, separated by commas, each up to {LearningLimits.Topic} characters without < or >.";
        }

        if (errors.Count > 0)
        {
            return new SaveResult(null, errors);
        }

        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        if (await db.Courses.AnyAsync(c => c.Slug == slug && c.Id != id, cancellationToken))
        {
            return new SaveResult(null, new Dictionary<string, string> { [nameof(form.Slug)] = "Another course already uses this web address." });
        }

        var course = id is { } existing ? await db.Courses.Include(c => c.Topics).FirstOrDefaultAsync(c => c.Id == existing, cancellationToken) : null;
        if (id is not null && course is null)
        {
            return new SaveResult(null, new Dictionary<string, string> { [string.Empty] = "The course no longer exists." });
        }

        if (course is null)
        {
            course = new Course { CreatedAt = Now };
            db.Courses.Add(course);
        }

        course.Title = title!;
        course.Slug = slug;
        course.Summary = summary!;
        course.LearningOutcomes = outcomes!;
        course.Audience = audience!;
        course.Prerequisites = prerequisites;
        course.Level = level!.Value;
        course.DurationMinutes = duration!.Value;
        course.RefresherMonths = refresher;
        course.DeliveryMode = mode;
        course.RequiresManagerApproval = form.RequiresManagerApproval;
        course.IsPublished = form.IsPublished;
        course.UpdatedAt = Now;
        course.Topics.RemoveAll(t => !topics.Contains(t.Name, StringComparer.OrdinalIgnoreCase));
        course.Topics.AddRange(topics.Where(t => course.Topics.All(x => !string.Equals(x.Name, t, StringComparison.OrdinalIgnoreCase))).Select(t => new CourseTopic { Name = t }));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            return new SaveResult(null, new Dictionary<string, string> { [nameof(form.Slug)] = "Another course already uses this web address." });
        }

        return new SaveResult(course.Id, errors);
    }

    public async Task<AdminPage<CourseSession>> SessionsAsync(int? courseId, SessionStatus? status, bool upcomingOnly, int page, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var query = db.Sessions.AsNoTracking().Include(s => s.Course).AsQueryable();
        if (courseId is { } course)
        {
            query = query.Where(s => s.CourseId == course);
        }

        if (status is { } wanted)
        {
            query = query.Where(s => s.Status == wanted);
        }

        if (upcomingOnly)
        {
            var now = Now;
            query = query.Where(s => s.EndsAt > now);
        }

        return await PageAsync(query.OrderBy(s => s.StartsAt).ThenBy(s => s.Id), page, cancellationToken);
    }

    public async Task<CourseSession?> SessionAsync(int id, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        return await db.Sessions.AsNoTracking().AsSplitQuery().Include(s => s.Course).Include(s => s.Dates)
            .FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
    }

    public static SessionForm FormFor(CourseSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        return new SessionForm
        {
            CourseId = session.CourseId.ToString(CultureInfo.InvariantCulture),
            Dates = string.Join("\n", session.Dates.OrderBy(d => d.StartsAt).Select(d => $"{Uk(d.StartsAt).ToString(DateLineFormat, CultureInfo.InvariantCulture)}-{Uk(d.EndsAt).ToString("HH:mm", CultureInfo.InvariantCulture)}")),
            Venue = session.Venue, JoiningLink = session.JoiningLink, JoiningInstructions = session.JoiningInstructions, Trainer = session.Trainer,
            Capacity = session.Capacity.ToString(CultureInfo.InvariantCulture), OrganisationQuota = session.OrganisationQuota?.ToString(CultureInfo.InvariantCulture),
            BookingOpensAt = session.BookingOpensAt is { } o ? Uk(o).ToString(DateLineFormat, CultureInfo.InvariantCulture) : null,
            BookingClosesAt = session.BookingClosesAt is { } c ? Uk(c).ToString(DateLineFormat, CultureInfo.InvariantCulture) : null,
            Status = session.Status.ToString(),
        };
    }

    public async Task<SaveResult> SaveSessionAsync(int? id, SessionForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var errors = new Dictionary<string, string>();
        var courseId = Number(errors, nameof(form.CourseId), "Choose the course.", form.CourseId, 1, int.MaxValue, required: true);
        var dates = ParseDates(errors, form.Dates);
        var venue = Text(errors, nameof(form.Venue), "the venue", form.Venue, LearningLimits.Venue, required: false);
        var link = Text(errors, nameof(form.JoiningLink), "the joining link", form.JoiningLink, LearningLimits.Url, required: false);
        if (link is not null && (!Uri.TryCreate(link, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps))
        {
            errors[nameof(form.JoiningLink)] = "Enter the joining link as a full https:// address.";
        }

        var instructions = Text(errors, nameof(form.JoiningInstructions), "the joining instructions", form.JoiningInstructions, LearningLimits.LongText, required: false, multiline: true);
        var trainer = Text(errors, nameof(form.Trainer), "the trainer", form.Trainer, LearningLimits.Name, required: false);
        var capacity = Number(errors, nameof(form.Capacity), $"Enter the number of places, from 1 to {LearningLimits.MaxCapacity}.", form.Capacity, 1, LearningLimits.MaxCapacity, required: true);
        var quota = Number(errors, nameof(form.OrganisationQuota), "Enter the most places one organisation may take, or leave it empty.", form.OrganisationQuota, 1, LearningLimits.MaxCapacity, required: false);
        var opens = Moment(errors, nameof(form.BookingOpensAt), form.BookingOpensAt);
        var closes = Moment(errors, nameof(form.BookingClosesAt), form.BookingClosesAt);
        if (opens is not null && closes is not null && closes <= opens)
        {
            errors[nameof(form.BookingClosesAt)] = "Booking must close after it opens.";
        }

        if (!Enum.TryParse<SessionStatus>(form.Status, out var status) || !Enum.IsDefined(status) || int.TryParse(form.Status, out _))
        {
            errors[nameof(form.Status)] = "Choose the session's status.";
        }

        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        if (courseId is { } cid && !await db.Courses.AnyAsync(c => c.Id == cid, cancellationToken))
        {
            errors[nameof(form.CourseId)] = "Choose the course.";
        }

        if (errors.Count > 0)
        {
            return new SaveResult(null, errors);
        }

        var session = id is { } existing ? await db.Sessions.Include(s => s.Dates).FirstOrDefaultAsync(s => s.Id == existing, cancellationToken) : null;
        if (id is not null && session is null)
        {
            return new SaveResult(null, new Dictionary<string, string> { [string.Empty] = "The session no longer exists." });
        }

        if (session is null)
        {
            session = new CourseSession { CreatedAt = Now, Capacity = capacity!.Value };
            db.Sessions.Add(session);
        }

        session.CourseId = courseId!.Value;
        session.Dates.Clear();
        session.Dates.AddRange(dates.Select(d => new SessionDate { StartsAt = d.Start, EndsAt = d.End }));
        session.StartsAt = dates.Min(d => d.Start);
        session.EndsAt = dates.Max(d => d.End);
        session.Venue = venue;
        session.JoiningLink = link;
        session.JoiningInstructions = instructions;
        session.Trainer = trainer;
        session.OrganisationQuota = quota;
        session.BookingOpensAt = opens;
        session.BookingClosesAt = closes;
        session.Status = status;
        await db.SaveChangesAsync(cancellationToken);

        // Capacity changes by its own conditional UPDATE so it can never drop below the places already taken.
        var resized = await db.Sessions.Where(s => s.Id == session.Id && s.PlacesTaken <= capacity!.Value)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Capacity, capacity!.Value), cancellationToken);
        if (resized == 0)
        {
            return new SaveResult(null, new Dictionary<string, string>
            {
                [nameof(form.Capacity)] = "More places are already taken than that. Cancel or move bookings first. The other changes were saved.",
            });
        }

        await bookings.OfferFreedPlacesAsync(session.Id, cancellationToken);
        return new SaveResult(session.Id, errors);
    }

    public async Task<IReadOnlyList<Booking>> SessionBookingsAsync(int sessionId, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        return await db.Bookings.AsNoTracking().Include(b => b.Learner).ThenInclude(l => l!.Organisation)
            .Where(b => b.SessionId == sessionId)
            .OrderBy(b => b.Status).ThenBy(b => b.WaitingSince).ThenBy(b => b.CreatedAt).ThenBy(b => b.Id)
            .ToListAsync(cancellationToken);
    }

    public async Task<Booking?> BookingAsync(int bookingId, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        return await db.Bookings.AsNoTracking().Include(b => b.Learner).FirstOrDefaultAsync(b => b.Id == bookingId, cancellationToken);
    }

    public async Task<Learner?> LearnerByEmailAsync(string? email, CancellationToken cancellationToken)
    {
        var address = Accounts.WorkEmail.Normalise(email);
        if (address.Length == 0 || address.Length > LearningLimits.Email)
        {
            return null;
        }

        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        return await db.Learners.AsNoTracking().FirstOrDefaultAsync(l => l.Email == address, cancellationToken);
    }

    public async Task<IReadOnlyList<CourseSession>> MoveTargetsAsync(int exceptSessionId, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var now = Now;
        return await db.Sessions.AsNoTracking().Include(s => s.Course)
            .Where(s => s.Id != exceptSessionId && s.Status == SessionStatus.Scheduled && s.EndsAt > now)
            .OrderBy(s => s.StartsAt).Take(200).ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<Course>> CourseChoicesAsync(CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        return await db.Courses.AsNoTracking().OrderBy(c => c.Title).ToListAsync(cancellationToken);
    }

    public async Task<AdminPage<Organisation>> OrganisationsAsync(string? search, OrganisationSector? sector, int page, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var query = db.Organisations.AsNoTracking();
        if (Search(search) is { } term)
        {
            query = query.Where(o => o.Name.ToLower().Contains(term));
        }

        if (sector is { } wanted)
        {
            query = query.Where(o => o.Sector == wanted);
        }

        return await PageAsync(query.OrderBy(o => o.Name), page, cancellationToken);
    }

    public async Task<Organisation?> OrganisationAsync(int id, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        return await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id, cancellationToken);
    }

    public async Task<SaveResult> SaveOrganisationAsync(int? id, OrganisationForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var errors = new Dictionary<string, string>();
        var name = Text(errors, nameof(form.Name), "the organisation's name", form.Name, LearningLimits.Organisation, required: true);
        if (!Enum.TryParse<OrganisationSector>(form.Sector, out var sector) || !Enum.IsDefined(sector) || int.TryParse(form.Sector, out _))
        {
            errors[nameof(form.Sector)] = "Choose the sector.";
        }

        if (errors.Count > 0)
        {
            return new SaveResult(null, errors);
        }

        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var organisation = id is { } existing ? await db.Organisations.FirstOrDefaultAsync(o => o.Id == existing, cancellationToken) : null;
        if (id is not null && organisation is null)
        {
            return new SaveResult(null, new Dictionary<string, string> { [string.Empty] = "The organisation no longer exists." });
        }

        if (organisation is null)
        {
            organisation = new Organisation();
            db.Organisations.Add(organisation);
        }

        organisation.Name = name!;
        organisation.Sector = sector;
        organisation.IsPartnerAgency = form.IsPartnerAgency;
        organisation.IsChargeExempt = form.IsChargeExempt;
        organisation.IsActive = form.IsActive;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            return new SaveResult(null, new Dictionary<string, string> { [nameof(form.Name)] = "An organisation with this name already exists." });
        }

        return new SaveResult(organisation.Id, errors);
    }

    public static string Slugify(string title)
    {
        ArgumentNullException.ThrowIfNull(title);
        var slug = NotSlug().Replace(title.ToLowerInvariant(), "-").Trim('-');
        return slug.Length > LearningLimits.Slug ? slug[..LearningLimits.Slug].TrimEnd('-') : slug;
    }

    private static async Task<AdminPage<T>> PageAsync<T>(IQueryable<T> query, int page, CancellationToken cancellationToken)
    {
        var total = await query.CountAsync(cancellationToken);
        var current = Math.Clamp(page, 1, Math.Max(1, (total + AdminPage<T>.PageSize - 1) / AdminPage<T>.PageSize));
        var items = await query.Skip((current - 1) * AdminPage<T>.PageSize).Take(AdminPage<T>.PageSize).ToListAsync(cancellationToken);
        return new AdminPage<T>(items, current, total);
    }

    private static string? Search(string? search) =>
        string.IsNullOrWhiteSpace(search) ? null : search.Trim().ToLowerInvariant() is var term && term.Length > 100 ? term[..100] : search.Trim().ToLowerInvariant();

    private static string? Text(Dictionary<string, string> errors, string field, string label, string? value, int limit, bool required, bool multiline = false)
    {
        var text = value?.Trim() ?? string.Empty;
        if (text.Length == 0)
        {
            if (required)
            {
                errors[field] = $"Enter {label}.";
            }

            return null;
        }

        if (text.Length > limit)
        {
            errors[field] = $"Shorten {label} to {limit} characters or fewer.";
        }
        else if (text.Any(c => char.IsControl(c) && !(multiline && c is '\n' or '\r' or '\t')))
        {
            errors[field] = $"Remove the control characters from {label}.";
        }

        return text;
    }

    private static int? Number(Dictionary<string, string> errors, string field, string message, string? value, int min, int max, bool required)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                errors[field] = message;
            }

            return null;
        }

        if (!int.TryParse(value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < min || number > max)
        {
            errors[field] = message;
            return null;
        }

        return number;
    }

    private static DateTime? Moment(Dictionary<string, string> errors, string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (!DateTime.TryParseExact(value.Trim().Replace('T', ' '), DateLineFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            errors[field] = "Enter the date and time as 2026-12-08 09:30.";
            return null;
        }

        if (ToUtc(local) is null)
        {
            errors[field] = "That time does not exist in UK time (the clocks go forward then). Choose another.";
        }

        return ToUtc(local);
    }

    /// <summary>Null for a local time skipped when the clocks go forward.</summary>
    private static DateTime? ToUtc(DateTime local) => UkTime.IsInvalidTime(local) ? null : TimeZoneInfo.ConvertTimeToUtc(local, UkTime);

    private static List<(DateTime Start, DateTime End)> ParseDates(Dictionary<string, string> errors, string? text)
    {
        var lines = (text ?? string.Empty).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var dates = new List<(DateTime Start, DateTime End)>();
        if (lines.Length == 0 || lines.Length > LearningLimits.MaxDates)
        {
            errors[nameof(SessionForm.Dates)] = $"Enter between 1 and {LearningLimits.MaxDates} dates, one a line, like 2026-12-08 09:30-12:30.";
            return dates;
        }

        foreach (var line in lines)
        {
            var match = DateLinePattern().Match(line);
            if (!match.Success
                || !DateTime.TryParseExact($"{match.Groups[1].Value} {match.Groups[2].Value}", DateLineFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var start)
                || !DateTime.TryParseExact($"{match.Groups[1].Value} {match.Groups[3].Value}", DateLineFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var end)
                || end <= start || ToUtc(start) is not { } startUtc || ToUtc(end) is not { } endUtc)
            {
                errors[nameof(SessionForm.Dates)] = $"\"{(line.Length > 40 ? line[..40] + "…" : line)}\" is not a date like 2026-12-08 09:30-12:30 with the end after the start.";
                return [];
            }

            dates.Add((startUtc, endUtc));
        }

        return dates;
    }

    private static DateTime Uk(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), UkTime);

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    [GeneratedRegex("^[a-z0-9]+(?:-[a-z0-9]+)*$")]
    private static partial Regex SlugPattern();

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex NotSlug();

    [GeneratedRegex(@"^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2})\s*-\s*(\d{2}:\d{2})$")]
    private static partial Regex DateLinePattern();
}
