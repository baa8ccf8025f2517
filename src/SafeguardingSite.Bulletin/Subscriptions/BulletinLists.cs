using Microsoft.EntityFrameworkCore;
using SafeguardingSite.Bulletin.Data;
using SafeguardingSite.Bulletin.Model;

namespace SafeguardingSite.Bulletin.Subscriptions;

/// <summary>The service areas and topics editors manage. Seeded once; after that the lists are the editors'.</summary>
public sealed class BulletinLists(IDbContextFactory<BulletinDbContext> databases)
{
    private static readonly string[] StarterServiceAreas =
    [
        "Education", "Children and young people's services", "Early years", "Health", "Public health", "Police",
        "Probation", "Youth justice", "Adult services", "Housing", "Fire service", "Voluntary and community sector", "Other",
    ];

    private static readonly string[] StarterTopics =
    [
        "Safeguarding practice updates", "Training and events", "Local procedures", "Reviews and learning", "Safety alerts",
    ];

    public async Task<IReadOnlyList<BulletinChoice>> AllAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        return await db.Choices.AsNoTracking().OrderBy(c => c.Kind).ThenBy(c => c.SortOrder).ThenBy(c => c.Id).ToListAsync(cancellationToken);
    }

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        if (await db.Choices.AnyAsync(cancellationToken))
        {
            return;
        }

        db.Choices.AddRange(StarterServiceAreas.Select((name, i) => new BulletinChoice { Kind = ChoiceKind.ServiceArea, Name = name, SortOrder = i }));
        db.Choices.AddRange(StarterTopics.Select((name, i) => new BulletinChoice { Kind = ChoiceKind.Topic, Name = name, SortOrder = i }));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // another node seeded at the same moment: its rows are the same list
        }
    }

    public async Task<BulletinChoice> AddAsync(ChoiceKind kind, string name, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var order = await db.Choices.Where(c => c.Kind == kind).Select(c => (int?)c.SortOrder).MaxAsync(cancellationToken) ?? -1;
        var choice = new BulletinChoice { Kind = kind, Name = name, SortOrder = order + 1 };
        db.Choices.Add(choice);
        await db.SaveChangesAsync(cancellationToken);
        return choice;
    }

    /// <summary>Renames, reorders or retires an entry; null when there is no such entry in that list.</summary>
    public async Task<BulletinChoice?> UpdateAsync(ChoiceKind kind, int id, string name, int sortOrder, bool isActive, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var choice = await db.Choices.FirstOrDefaultAsync(c => c.Kind == kind && c.Id == id, cancellationToken);
        if (choice is null)
        {
            return null;
        }

        choice.Name = name;
        choice.SortOrder = sortOrder;
        choice.IsActive = isActive;
        await db.SaveChangesAsync(cancellationToken);
        return choice;
    }
}
