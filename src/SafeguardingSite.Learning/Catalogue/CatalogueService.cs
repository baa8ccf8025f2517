using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SafeguardingSite.Learning.Data;
using SafeguardingSite.Learning.Model;

namespace SafeguardingSite.Learning.Catalogue;

/// <summary>The public listing's filters as they arrive in the query string; anything unreadable is simply ignored.</summary>
public sealed record ListingFilter(string? Topic, int? Level, DeliveryMode? Mode, DateOnly? From, int Page)
{
    public const int PageSize = 10;

    public static ListingFilter Parse(string? topic, string? level, string? mode, string? from, string? page) => new(
        string.IsNullOrWhiteSpace(topic) || topic.Length > LearningLimits.Topic ? null : topic.Trim(),
        int.TryParse(level, NumberStyles.None, CultureInfo.InvariantCulture, out var l) && l is >= 1 and <= 3 ? l : null,
        Enum.TryParse<DeliveryMode>(mode, ignoreCase: true, out var m) && Enum.IsDefined(m) && !int.TryParse(mode, out _) ? m : null,
        DateOnly.TryParseExact(from, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null,
        int.TryParse(page, NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p is >= 1 and <= 10_000 ? p : 1);
}

public sealed record CourseCard(Course Course, IReadOnlyList<CourseSession> NextSessions);

public sealed record ListingPage(IReadOnlyList<CourseCard> Courses, int Total, int Page, IReadOnlyList<string> Topics)
{
    public int PageCount => Math.Max(1, (Total + ListingFilter.PageSize - 1) / ListingFilter.PageSize);
}

/// <summary>What the public sees of the catalogue: published courses and their scheduled sessions still to come.</summary>
public sealed class CatalogueService(IDbContextFactory<LearningDbContext> databases, TimeProvider clock)
{
    public const int SessionsPerCard = 3;
    private static readonly TimeZoneInfo UkTime = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    public async Task<ListingPage> ListAsync(ListingFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var from = filter.From is { } day ? TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(TimeOnly.MinValue), UkTime) : Now;
        if (from < Now)
        {
            from = Now;
        }

        var courses = db.Courses.AsNoTracking().Where(c => c.IsPublished);
        if (filter.Topic is { } topic)
        {
            courses = courses.Where(c => c.Topics.Any(t => t.Name == topic));
        }

        if (filter.Level is { } level)
        {
            courses = courses.Where(c => c.Level == level);
        }

        if (filter.Mode is { } mode)
        {
            courses = courses.Where(c => c.DeliveryMode == mode);
        }

        if (filter.From is not null)
        {
            courses = courses.Where(c => c.Sessions.Any(s => s.Status == SessionStatus.Scheduled && s.StartsAt >= from));
        }

        var total = await courses.CountAsync(cancellationToken);
        var page = Math.Clamp(filter.Page, 1, Math.Max(1, (total + ListingFilter.PageSize - 1) / ListingFilter.PageSize));
        var found = await courses
            .OrderBy(c => c.Sessions.Where(s => s.Status == SessionStatus.Scheduled && s.StartsAt >= from).Min(s => (DateTime?)s.StartsAt) ?? DateTime.MaxValue)
            .ThenBy(c => c.Title)
            .Skip((page - 1) * ListingFilter.PageSize).Take(ListingFilter.PageSize)
            .Include(c => c.Topics)
            .AsSplitQuery()
            .ToListAsync(cancellationToken);
        var ids = found.Select(c => c.Id).ToList();
        var sessions = await db.Sessions.AsNoTracking()
            .Where(s => ids.Contains(s.CourseId) && s.Status == SessionStatus.Scheduled && s.StartsAt >= from)
            .OrderBy(s => s.StartsAt).ToListAsync(cancellationToken);
        var cards = found.Select(c => new CourseCard(c, sessions.Where(s => s.CourseId == c.Id).Take(SessionsPerCard).ToList())).ToList();
        var topics = await db.CourseTopics.AsNoTracking().Select(t => t.Name).Distinct().OrderBy(t => t).ToListAsync(cancellationToken);
        return new ListingPage(cards, total, page, topics);
    }

    public async Task<Course?> CourseAsync(string slug, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(slug) || slug.Length > LearningLimits.Slug)
        {
            return null;
        }

        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var now = Now;
        return await db.Courses.AsNoTracking().AsSplitQuery()
            .Include(c => c.Topics)
            .Include(c => c.Sessions.Where(s => s.Status == SessionStatus.Scheduled && s.EndsAt > now).OrderBy(s => s.StartsAt)).ThenInclude(s => s.Dates)
            .FirstOrDefaultAsync(c => c.Slug == slug && c.IsPublished, cancellationToken);
    }

    /// <summary>A session the public may see: scheduled (or cancelled, so old links explain themselves) on a published course.</summary>
    public async Task<CourseSession?> SessionAsync(int sessionId, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        return await db.Sessions.AsNoTracking().AsSplitQuery()
            .Include(s => s.Course).ThenInclude(c => c!.Topics)
            .Include(s => s.Dates)
            .FirstOrDefaultAsync(s => s.Id == sessionId && s.Status != SessionStatus.Draft && s.Course!.IsPublished, cancellationToken);
    }

    public async Task<IReadOnlyList<CourseSession>> UpcomingAsync(DateTime from, int take, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        return await db.Sessions.AsNoTracking().AsSplitQuery()
            .Include(s => s.Course).Include(s => s.Dates)
            .Where(s => s.Status == SessionStatus.Scheduled && s.StartsAt >= from && s.Course!.IsPublished)
            .OrderBy(s => s.StartsAt).ThenBy(s => s.Id).Take(take)
            .ToListAsync(cancellationToken);
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;
}
