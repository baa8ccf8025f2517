using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SafeguardingSite.Learning.Data;

namespace SafeguardingSite.Learning.Charging;

public enum HolidayChange
{
    Added,
    Restored,
    AlreadyThere,
    Removed,
    NotFound,
}

/// <summary>The editable bank-holiday table: seeded from the shipped file, changed by training administrators.</summary>
public sealed class BankHolidayCalendar(IDbContextFactory<LearningDbContext> databases, TimeProvider clock)
{
    public const string ShippedFile = "bank-holidays-england-and-wales.json";
    private const string SeedActor = "shipped calendar";

    public async Task<WorkingDayCalendar> LoadAsync(CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var dates = await db.Set<BankHoliday>().AsNoTracking().Where(h => !h.IsRemoved).Select(h => h.Date).ToListAsync(cancellationToken);
        return new WorkingDayCalendar(dates);
    }

    /// <summary>Every date, including removed ones, so administrators can see what they took out and put it back.</summary>
    public async Task<IReadOnlyList<BankHoliday>> ListAsync(CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        return await db.Set<BankHoliday>().AsNoTracking().OrderBy(h => h.Date).ToListAsync(cancellationToken);
    }

    public async Task<HolidayChange> AddAsync(DateOnly date, string name, string actor, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var existing = await db.Set<BankHoliday>().FirstOrDefaultAsync(h => h.Date == date, cancellationToken);
        if (existing is { IsRemoved: false })
        {
            return HolidayChange.AlreadyThere;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (existing is not null)
        {
            existing.IsRemoved = false;
            existing.Name = name;
            existing.ChangedAt = now;
            existing.ChangedBy = actor;
        }
        else
        {
            db.Add(new BankHoliday { Date = date, Name = name, ChangedAt = now, ChangedBy = actor });
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The same date added twice at once (a double-clicked button): the first one stands.
            return HolidayChange.AlreadyThere;
        }

        return existing is null ? HolidayChange.Added : HolidayChange.Restored;
    }

    public async Task<HolidayChange> RemoveAsync(DateOnly date, string actor, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var changed = await db.Set<BankHoliday>().Where(h => h.Date == date && !h.IsRemoved)
            .ExecuteUpdateAsync(s => s.SetProperty(h => h.IsRemoved, true).SetProperty(h => h.ChangedAt, now).SetProperty(h => h.ChangedBy, actor), cancellationToken);
        return changed == 1 ? HolidayChange.Removed : HolidayChange.NotFound;
    }

    /// <summary>Adds shipped dates the table has never had; a date an administrator removed stays removed.</summary>
    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        var shipped = ReadShipped();
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var known = (await db.Set<BankHoliday>().Select(h => h.Date).ToListAsync(cancellationToken)).ToHashSet();
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var (date, name) in shipped.Where(s => !known.Contains(s.Date)))
        {
            db.Add(new BankHoliday { Date = date, Name = name, IsShipped = true, ChangedAt = now, ChangedBy = SeedActor });
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another node seeded the same dates at the same moment; theirs are the same rows.
        }
    }

    public static IReadOnlyList<(DateOnly Date, string Name)> ReadShipped()
    {
        using var stream = typeof(BankHolidayCalendar).Assembly.GetManifestResourceStream(ShippedFile)
            ?? throw new InvalidOperationException("The shipped bank-holiday file is missing from the assembly.");
        using var document = JsonDocument.Parse(stream);
        return [.. document.RootElement.GetProperty("events").EnumerateArray()
            .Select(e => (DateOnly.ParseExact(e.GetProperty("date").GetString()!, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                e.GetProperty("name").GetString()!))];
    }
}
