using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using SafeguardingSite.Bulletin.Data;
using SafeguardingSite.Bulletin.Model;
using SafeguardingSite.Bulletin.Sending;

namespace SafeguardingSite.Bulletin.Editions;

/// <summary>What an editor sends to create or change an edition.</summary>
public sealed class EditionInput
{
    public string? Kind { get; set; }
    public string? Title { get; set; }
    public string? Slug { get; set; }
    public string? Intro { get; set; }
    public List<EditionItemInput>? Items { get; set; }
    public List<int>? TargetServiceAreaIds { get; set; }
    public List<int>? TargetTopicIds { get; set; }

    /// <summary>Count opens and clicks; off when not given.</summary>
    public bool? TrackingEnabled { get; set; }
}

public sealed class EditionItemInput
{
    public string? Heading { get; set; }
    public string? Text { get; set; }
    public string? LinkUrl { get; set; }
    public string? LinkText { get; set; }
}

/// <summary>Where a send has got to; <see cref="PerMinute"/> is what went out for this edition in the last minute.</summary>
public sealed record SendProgress(Guid EditionId, string Status, int Total, int Pending, int Sent, int Failed, int Skipped, int Cancelled, int PerMinute);

/// <summary>One page of the editions list.</summary>
public sealed record EditionPage(IReadOnlyList<Edition> Editions, int Total, int Page, int PageSize)
{
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

public sealed partial class EditionService(
    IDbContextFactory<BulletinDbContext> databases,
    IBackgroundJobClient jobs,
    TimeProvider clock)
{
    /// <summary>Field → message for everything wrong with the input; empty when it can be saved.</summary>
    public static Dictionary<string, string[]> Validate(EditionInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = new Dictionary<string, string[]>();
        void Fail(string field, string message) => errors[field] = [message];
        if (!Enum.TryParse<EditionKind>(input.Kind, ignoreCase: true, out var kind) || !Enum.IsDefined(kind) || int.TryParse(input.Kind, out _))
        {
            Fail("kind", "Kind must be one of: monthly, special, safetyAlert.");
        }

        if (string.IsNullOrWhiteSpace(input.Title) || input.Title.Length > BulletinLimits.Title)
        {
            Fail("title", $"Title is required and at most {BulletinLimits.Title} characters.");
        }

        if (input.Slug is { } slug && (slug.Length > BulletinLimits.Slug || !SlugPattern().IsMatch(slug)))
        {
            Fail("slug", "Slug may contain only lower-case letters, digits and single hyphens.");
        }

        if ((input.Intro?.Length ?? 0) > BulletinLimits.Intro)
        {
            Fail("intro", $"Intro must be at most {BulletinLimits.Intro} characters.");
        }

        var items = input.Items ?? [];
        if (items.Count > BulletinLimits.Items)
        {
            Fail("items", $"An edition has at most {BulletinLimits.Items} items.");
        }

        for (var i = 0; i < Math.Min(items.Count, BulletinLimits.Items); i++)
        {
            var item = items[i];
            if (item is null || string.IsNullOrWhiteSpace(item.Heading) || item.Heading.Length > BulletinLimits.Title)
            {
                Fail($"items[{i}].heading", $"Each item needs a heading of at most {BulletinLimits.Title} characters.");
            }
            else if ((item.Text?.Length ?? 0) > BulletinLimits.ItemText || (item.LinkText?.Length ?? 0) > BulletinLimits.Title)
            {
                Fail($"items[{i}].text", $"Item text must be at most {BulletinLimits.ItemText} characters.");
            }
            else if (item.LinkUrl is { Length: > 0 } url && !IsSafeLink(url))
            {
                Fail($"items[{i}].linkUrl", "Links must be absolute http(s) addresses or site paths starting with /.");
            }
        }

        return errors;
    }

    private static bool IsSafeLink(string url) =>
        url.Length <= BulletinLimits.Url && (url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal)
            || Uri.TryCreate(url, UriKind.Absolute, out var absolute) && (absolute.Scheme == Uri.UriSchemeHttps || absolute.Scheme == Uri.UriSchemeHttp));

    public async Task<Edition> CreateAsync(EditionInput input, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var edition = new Edition { Id = Guid.NewGuid(), CreatedAt = now, Status = EditionStatus.Draft };
        Apply(edition, input, now);
        edition.Slug = await UniqueSlugAsync(db, input.Slug ?? Slugify(edition.Title, now), cancellationToken);
        db.Editions.Add(edition);
        await db.SaveChangesAsync(cancellationToken);
        return edition;
    }

    /// <summary>Null when there is no such edition; throws when it has already started going out.</summary>
    public async Task<Edition?> UpdateAsync(Guid id, EditionInput input, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var edition = await db.Editions.FirstOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (edition is null)
        {
            return null;
        }

        if (edition.Status is not (EditionStatus.Draft or EditionStatus.Scheduled))
        {
            throw new InvalidOperationException("An edition that has started sending can no longer be changed.");
        }

        Apply(edition, input, clock.GetUtcNow().UtcDateTime);
        if (input.Slug is { } slug && slug != edition.Slug)
        {
            edition.Slug = await UniqueSlugAsync(db, slug, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        return edition;
    }

    private static void Apply(Edition edition, EditionInput input, DateTime now)
    {
        edition.Kind = Enum.Parse<EditionKind>(input.Kind!, ignoreCase: true);
        edition.Title = input.Title!.Trim();
        edition.Intro = input.Intro?.Trim() ?? string.Empty;
        edition.Items = (input.Items ?? []).Select(i => new EditionItem
        {
            Heading = i.Heading!.Trim(), Text = i.Text?.Trim() ?? string.Empty,
            LinkUrl = string.IsNullOrWhiteSpace(i.LinkUrl) ? null : i.LinkUrl.Trim(), LinkText = string.IsNullOrWhiteSpace(i.LinkText) ? null : i.LinkText.Trim(),
        }).ToList();
        edition.TargetServiceAreaIds = [.. (input.TargetServiceAreaIds ?? []).Distinct()];
        edition.TargetTopicIds = [.. (input.TargetTopicIds ?? []).Distinct()];
        edition.TrackingEnabled = input.TrackingEnabled ?? false;
        edition.UpdatedAt = now;
    }

    public async Task<Edition?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        return await db.Editions.AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, cancellationToken);
    }

    public async Task<EditionPage> ListAsync(EditionStatus? status, EditionKind? kind, int page, int pageSize, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var query = db.Editions.AsNoTracking();
        if (status is { } wantedStatus)
        {
            query = query.Where(e => e.Status == wantedStatus);
        }

        if (kind is { } wantedKind)
        {
            query = query.Where(e => e.Kind == wantedKind);
        }

        var total = await query.CountAsync(cancellationToken);
        var pages = Math.Max(1, (total + pageSize - 1) / pageSize);
        page = Math.Clamp(page, 1, pages);
        var rows = await query.OrderByDescending(e => e.CreatedAt).ThenBy(e => e.Id).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        return new EditionPage(rows, total, page, pageSize);
    }

    /// <summary>
    /// Creates (no id) or changes a draft or scheduled edition from the back office; the JSON API's items are kept.
    /// Null when there is no such edition; throws when it has already started going out.
    /// </summary>
    public async Task<Edition?> SaveComposedAsync(Guid? id, EditionKind kind, string title, string intro, List<EditionBlock> blocks, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(title);
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var edition = id is null ? null : await db.Editions.FirstOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (id is not null && edition is null)
        {
            return null;
        }

        if (edition is null)
        {
            edition = new Edition { Id = Guid.NewGuid(), CreatedAt = now, Status = EditionStatus.Draft };
            edition.Slug = await UniqueSlugAsync(db, Slugify(title.Trim(), now), cancellationToken);
            db.Editions.Add(edition);
        }
        else if (edition.Status is not (EditionStatus.Draft or EditionStatus.Scheduled))
        {
            throw new InvalidOperationException("An edition that has started sending can no longer be changed.");
        }

        edition.Kind = kind;
        edition.Title = title.Trim();
        edition.Intro = intro.Trim();
        edition.Blocks = blocks;
        edition.UpdatedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        return edition;
    }

    /// <summary>Sets who the edition goes to (empty lists: everyone) while it has not started; false otherwise.</summary>
    public async Task<bool> SetAudienceAsync(Guid id, IReadOnlyCollection<int> serviceAreaIds, IReadOnlyCollection<int> topicIds, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var edition = await db.Editions.FirstOrDefaultAsync(e => e.Id == id && (e.Status == EditionStatus.Draft || e.Status == EditionStatus.Scheduled), cancellationToken);
        if (edition is null)
        {
            return false;
        }

        edition.TargetServiceAreaIds = [.. serviceAreaIds.Distinct()];
        edition.TargetTopicIds = [.. topicIds.Distinct()];
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>Workers claim nothing more for a paused edition; what a worker already holds is finished and recorded.</summary>
    public async Task<bool> PauseAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        return await db.Editions.Where(e => e.Id == id && e.Status == EditionStatus.Sending)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.Status, EditionStatus.Paused), cancellationToken) == 1;
    }

    public async Task<bool> ResumeAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var resumed = await db.Editions.Where(e => e.Id == id && e.Status == EditionStatus.Paused)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.Status, EditionStatus.Sending), cancellationToken) == 1;
        if (resumed)
        {
            jobs.Enqueue<DeliveryPump>(p => p.RunAsync(CancellationToken.None));
        }

        return resumed;
    }

    /// <summary>Stops a scheduled, sending or paused edition for good; recipients not yet reached are marked cancelled.</summary>
    public async Task<bool> CancelAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var cancelled = await db.Editions
            .Where(e => e.Id == id && (e.Status == EditionStatus.Scheduled || e.Status == EditionStatus.Sending || e.Status == EditionStatus.Paused))
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.Status, EditionStatus.Cancelled), cancellationToken) == 1;
        if (cancelled)
        {
            // A row a live worker holds is left to it: that message may already be on the wire and must be recorded.
            await db.Deliveries.Where(d => d.EditionId == id && (d.Status == DeliveryStatus.Pending || (d.Status == DeliveryStatus.Sending && d.LeaseUntil < now)))
                .ExecuteUpdateAsync(s => s.SetProperty(d => d.Status, DeliveryStatus.Cancelled).SetProperty(d => d.LeaseOwner, (Guid?)null), cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return cancelled;
    }

    public async Task<IReadOnlyList<Edition>> ListAsync(CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        return await db.Editions.AsNoTracking().OrderByDescending(e => e.CreatedAt).ToListAsync(cancellationToken);
    }

    /// <summary>Editions that have gone out (or are going, or paused part-way), newest first: the public archive.</summary>
    public async Task<IReadOnlyList<Edition>> ArchiveAsync(CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        return await db.Editions.AsNoTracking()
            .Where(e => e.Status == EditionStatus.Sending || e.Status == EditionStatus.Paused || e.Status == EditionStatus.Sent)
            .OrderByDescending(e => e.SendStartedAt).ToListAsync(cancellationToken);
    }

    public async Task<Edition?> ArchivedAsync(string slug, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        return await db.Editions.AsNoTracking()
            .FirstOrDefaultAsync(e => e.Slug == slug && (e.Status == EditionStatus.Sending || e.Status == EditionStatus.Paused || e.Status == EditionStatus.Sent), cancellationToken);
    }

    /// <summary>Schedules the edition for <paramref name="at"/>, or starts it now when that is null or already past.</summary>
    public async Task<bool> SendAsync(Guid id, DateTime? at, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        if (at is { } when && when > now)
        {
            var scheduled = await db.Editions.Where(e => e.Id == id && (e.Status == EditionStatus.Draft || e.Status == EditionStatus.Scheduled))
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.Status, EditionStatus.Scheduled).SetProperty(e => e.ScheduledFor, when), cancellationToken);
            return scheduled == 1;
        }

        var started = await StartAsync(db, id, now, cancellationToken);
        if (started)
        {
            jobs.Enqueue<DeliveryPump>(p => p.RunAsync(CancellationToken.None));
        }

        return started;
    }

    /// <summary>Starts every scheduled edition that has fallen due; the pump calls this before claiming.</summary>
    public async Task StartDueAsync(CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var due = await db.Editions.Where(e => e.Status == EditionStatus.Scheduled && e.ScheduledFor <= now).Select(e => e.Id).ToListAsync(cancellationToken);
        foreach (var id in due)
        {
            await StartAsync(db, id, now, cancellationToken);
        }
    }

    /// <summary>
    /// Moves the edition to Sending and writes one delivery row per recipient in one transaction, guarded by the status
    /// so two nodes (or two clicks) cannot both start it.
    /// </summary>
    private static async Task<bool> StartAsync(BulletinDbContext db, Guid id, DateTime now, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var claimed = await db.Editions.Where(e => e.Id == id && (e.Status == EditionStatus.Draft || e.Status == EditionStatus.Scheduled))
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.Status, EditionStatus.Sending).SetProperty(e => e.SendStartedAt, now), cancellationToken);
        if (claimed == 0)
        {
            return false;
        }

        var edition = await db.Editions.AsNoTracking().FirstAsync(e => e.Id == id, cancellationToken);
        var subscribers = await db.Subscribers.AsNoTracking().Where(s => s.Status == SubscriberStatus.Subscribed)
            .Select(s => new { s.Id, s.ServiceAreaId, s.TopicIds }).ToListAsync(cancellationToken);
        var recipients = subscribers.Where(s =>
            (edition.TargetServiceAreaIds.Count == 0 || (s.ServiceAreaId is { } area && edition.TargetServiceAreaIds.Contains(area)))
            && (edition.TargetTopicIds.Count == 0 || s.TopicIds.Any(edition.TargetTopicIds.Contains)));
        db.Deliveries.AddRange(recipients.Select(s => new Delivery
        {
            EditionId = id, SubscriberId = s.Id, Priority = edition.Priority, Status = DeliveryStatus.Pending, NextAttemptAt = now,
        }));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    public async Task<SendProgress?> ProgressAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var edition = await db.Editions.AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (edition is null)
        {
            return null;
        }

        var counts = await db.Deliveries.Where(d => d.EditionId == id).GroupBy(d => d.Status)
            .Select(g => new { Status = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var lastMinute = clock.GetUtcNow().UtcDateTime.AddMinutes(-1);
        var perMinute = await db.Deliveries.CountAsync(d => d.EditionId == id && d.SentAt > lastMinute, cancellationToken);
        int Count(params DeliveryStatus[] statuses) => counts.Where(c => statuses.Contains(c.Status)).Sum(c => c.Count);
        return new SendProgress(id, edition.Status.ToString(), Count(Enum.GetValues<DeliveryStatus>()),
            Count(DeliveryStatus.Pending, DeliveryStatus.Sending), Count(DeliveryStatus.Sent), Count(DeliveryStatus.Failed), Count(DeliveryStatus.Skipped),
            Count(DeliveryStatus.Cancelled), perMinute);
    }

    private static async Task<string> UniqueSlugAsync(BulletinDbContext db, string wanted, CancellationToken cancellationToken)
    {
        var slug = wanted;
        for (var n = 2; await db.Editions.AnyAsync(e => e.Slug == slug, cancellationToken); n++)
        {
            slug = $"{wanted}-{n}";
        }

        return slug;
    }

    private static string Slugify(string title, DateTime now)
    {
        var builder = new StringBuilder();
        foreach (var c in title.Normalize(NormalizationForm.FormD).ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                builder.Append(c);
            }
            else if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark && builder.Length > 0 && builder[^1] != '-')
            {
                builder.Append('-');
            }
        }

        var slug = builder.ToString().Trim('-');
        slug = slug.Length > 80 ? slug[..80].TrimEnd('-') : slug;
        return slug.Length == 0 ? now.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : slug;
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex SlugPattern();
}
