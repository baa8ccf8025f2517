using System.Globalization;
using System.Text;
using CsvHelper;
using Microsoft.EntityFrameworkCore;
using SafeguardingSite.Bulletin.Data;
using SafeguardingSite.Bulletin.Model;
using SafeguardingSite.Bulletin.Subscriptions;

namespace SafeguardingSite.Bulletin.Subscribers;

public sealed record ImportRow(int Line, string Email, string Name, string? Organisation, int? ServiceAreaId, IReadOnlyList<int> TopicIds,
    string Basis, string Evidence, DateTime? ConsentDate);

public sealed record RejectedRow(int Line, string Email, IReadOnlyList<string> Reasons);

/// <summary>What a file would do: the rows that can be added and, for each other row, every reason it cannot.</summary>
public sealed record ImportPlan(IReadOnlyList<ImportRow> Accepted, IReadOnlyList<RejectedRow> Rejected, string? FileError)
{
    public static ImportPlan Failed(string error) => new([], [], error);
}

/// <summary>
/// Adds subscribers from a CSV file that someone else collected. Every row must say on what basis the person may be
/// mailed (<see cref="Bases"/>); rows without a valid one are refused, as are addresses already on the list, on the
/// suppression list (erased people included, by hash) or repeated in the file. Checking and importing are two steps
/// over the same text, and importing re-checks against the database, so submitting twice adds no one twice.
/// </summary>
public sealed class SubscriberImport(IDbContextFactory<BulletinDbContext> databases, SuppressionList suppressions, TimeProvider clock)
{
    public const int MaxFileBytes = 2 * 1024 * 1024;
    public const int MaxRows = 20_000;
    public const int EvidenceLength = 500;

    public static readonly IReadOnlyList<string> Columns =
        ["email", "name", "organisation", "service_area", "topics", "consent_basis", "consent_evidence", "consent_date"];

    private static readonly string[] RequiredColumns = ["email", "consent_basis"];

    /// <summary>The lawful bases a row may give. Consent needs evidence of where and when it was given.</summary>
    public static readonly IReadOnlyList<string> Bases = ["consent", "legitimate-interests"];

    public async Task<ImportPlan> PlanAsync(byte[] file, IReadOnlyList<BulletinChoice> choices, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(choices);
        if (file.Length == 0)
        {
            return ImportPlan.Failed("The file is empty.");
        }

        if (file.Length > MaxFileBytes)
        {
            return ImportPlan.Failed($"The file must be at most {MaxFileBytes / 1024 / 1024} MB.");
        }

        if (!IsText(file))
        {
            return ImportPlan.Failed("The file is not a UTF-8 CSV text file.");
        }

        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var existing = (await db.Subscribers.Select(s => s.Email).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var suppressed = await SuppressionList.HashesAsync(db, cancellationToken);
        try
        {
            return Plan(file, choices, existing, suppressed);
        }
        catch (CsvFormatException)
        {
            return ImportPlan.Failed("The file is not valid CSV (check for an unclosed quote).");
        }
    }

    private ImportPlan Plan(byte[] file, IReadOnlyList<BulletinChoice> choices, HashSet<string> existing, HashSet<string> suppressed)
    {
        using var csv = CsvReader.Create(file, new CsvReaderOptions
        {
            Separator = ',', TrimWhitespace = true, MaxRecordSize = 64 * 1024, IncludeValuesInExceptions = false,
            MalformedData = CsvMalformedDataHandling.Throw,
        });
        var headers = csv.Headers.Select(h => h.Trim().ToLowerInvariant()).ToList();
        var missing = RequiredColumns.Where(c => !headers.Contains(c)).ToList();
        if (missing.Count > 0)
        {
            return ImportPlan.Failed($"The file needs a header row with the columns {string.Join(", ", Columns)}; missing: {string.Join(", ", missing)}.");
        }

        var unknown = headers.Where(h => !Columns.Contains(h)).ToList();
        if (unknown.Count > 0)
        {
            return ImportPlan.Failed($"Unknown column(s): {string.Join(", ", unknown.Select(Shown))}. The columns are {string.Join(", ", Columns)}.");
        }

        string Field(string column) => headers.IndexOf(column) is var index and >= 0 && index < csv.FieldCount ? csv.GetString(index).Trim() : string.Empty;
        var accepted = new List<ImportRow>();
        var rejected = new List<RejectedRow>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        while (csv.Read())
        {
            var line = (int)csv.RowNumber + 1;
            if (accepted.Count + rejected.Count >= MaxRows)
            {
                return ImportPlan.Failed($"The file has more than {MaxRows:N0} rows; split it into smaller files.");
            }

            var reasons = new List<string>();
            var email = SuppressionList.Normalise(Field("email"));
            if (email.Length == 0)
            {
                reasons.Add("No email address.");
            }
            else if (email.Length > BulletinLimits.Email || !SubscriberValidation.IsEmail(email))
            {
                reasons.Add("The email address is not in a valid format.");
            }
            else if (seen.TryGetValue(email, out var first))
            {
                reasons.Add($"The same address is on line {first}.");
            }
            else if (existing.Contains(email))
            {
                reasons.Add("Already on the subscriber list.");
            }
            else if (suppressed.Contains(suppressions.Hash(email)))
            {
                reasons.Add("On the suppression list (unsubscribed, bounced, complained or erased).");
            }

            if (email.Length > 0)
            {
                seen.TryAdd(email, line);
            }

            var basis = Field("consent_basis").ToLowerInvariant();
            var evidence = Field("consent_evidence");
            if (!Bases.Contains(basis))
            {
                reasons.Add(basis.Length == 0
                    ? $"No consent basis: give one of {string.Join(", ", Bases)}."
                    : $"Consent basis '{Shown(basis)}' is not one of {string.Join(", ", Bases)}.");
            }
            else if (basis == "consent" && evidence.Length == 0)
            {
                reasons.Add("Consent needs evidence: say in consent_evidence where and how it was given.");
            }

            if (evidence.Length > EvidenceLength)
            {
                reasons.Add($"consent_evidence must be at most {EvidenceLength} characters.");
            }

            DateTime? consentDate = null;
            if (Field("consent_date") is { Length: > 0 } dateText)
            {
                if (DateTime.TryParseExact(dateText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var date)
                    && date <= clock.GetUtcNow().UtcDateTime)
                {
                    consentDate = DateTime.SpecifyKind(date, DateTimeKind.Utc);
                }
                else
                {
                    reasons.Add("consent_date must be a past date written yyyy-MM-dd.");
                }
            }

            var name = Field("name");
            if (name.Length > BulletinLimits.Name)
            {
                reasons.Add($"The name must be at most {BulletinLimits.Name} characters.");
            }

            var organisation = Field("organisation");
            if (organisation.Length > BulletinLimits.Organisation)
            {
                reasons.Add($"The organisation must be at most {BulletinLimits.Organisation} characters.");
            }

            int? area = null;
            if (Field("service_area") is { Length: > 0 } areaName)
            {
                area = Choose(choices, ChoiceKind.ServiceArea, areaName)?.Id;
                if (area is null)
                {
                    reasons.Add($"Unknown service area '{Shown(areaName)}'.");
                }
            }

            var topics = new List<int>();
            foreach (var topicName in Field("topics").Split([';', '|'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Take(BulletinLimits.Topics + 1))
            {
                if (Choose(choices, ChoiceKind.Topic, topicName) is { } topic)
                {
                    topics.Add(topic.Id);
                }
                else
                {
                    reasons.Add($"Unknown topic '{Shown(topicName)}'.");
                }
            }

            if (reasons.Count > 0)
            {
                rejected.Add(new RejectedRow(line, Shown(email), reasons));
            }
            else
            {
                accepted.Add(new ImportRow(line, email, name.Length > 0 ? name : email[..email.IndexOf('@', StringComparison.Ordinal)],
                    organisation.Length > 0 ? organisation : null, area, [.. topics.Distinct()], basis, evidence, consentDate));
            }
        }

        return new ImportPlan(accepted, rejected, accepted.Count + rejected.Count == 0 ? "The file has a header but no rows." : null);
    }

    /// <summary>Adds the rows the file still allows; returns how many were added. Run twice, the second adds none.</summary>
    public async Task<int> ImportAsync(byte[] file, IReadOnlyList<BulletinChoice> choices, string importedBy, CancellationToken cancellationToken)
    {
        var plan = await PlanAsync(file, choices, cancellationToken);
        if (plan.FileError is not null || plan.Accepted.Count == 0)
        {
            return 0;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var added = 0;
        foreach (var chunk in plan.Accepted.Chunk(500))
        {
            await using var db = await databases.CreateDbContextAsync(cancellationToken);
            var emails = chunk.Select(r => r.Email).ToList();
            // Someone else may have imported or subscribed these addresses since the plan was made.
            var taken = (await db.Subscribers.Where(s => emails.Contains(s.Email)).Select(s => s.Email).ToListAsync(cancellationToken)).ToHashSet();
            foreach (var row in chunk.Where(r => !taken.Contains(r.Email)))
            {
                var subscriber = new Subscriber
                {
                    Id = Guid.NewGuid(), Email = row.Email, Name = row.Name, Organisation = row.Organisation, ServiceAreaId = row.ServiceAreaId,
                    TopicIds = [.. row.TopicIds], Status = SubscriberStatus.Subscribed, CreatedAt = now, ConfirmedAt = row.ConsentDate ?? now,
                    ConfirmationRequestedAt = now, ConsentBasis = row.Basis, ConsentWording = row.Evidence.Length > 0 ? row.Evidence : $"Imported on the basis of {row.Basis}",
                    ConsentSourceUrl = "import",
                };
                db.Subscribers.Add(subscriber);
                db.Events.Add(new SubscriptionEvent
                {
                    SubscriberId = subscriber.Id, Kind = SubscriptionEventKind.Imported, At = now, Wording = subscriber.ConsentWording,
                    SourceUrl = "import", Detail = $"Imported by {importedBy}; basis: {row.Basis}; file line {row.Line}",
                });
                added++;
            }

            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // A simultaneous import took some of these addresses: the unique email index kept them single.
                added -= chunk.Count(r => !taken.Contains(r.Email));
            }
        }

        return added;
    }

    private static BulletinChoice? Choose(IReadOnlyList<BulletinChoice> choices, ChoiceKind kind, string name) =>
        choices.FirstOrDefault(c => c.Kind == kind && c.IsActive && string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>A value as it may be echoed back in a report: clipped, control characters removed.</summary>
    private static string Shown(string value)
    {
        var clean = new string([.. value.Where(c => !char.IsControl(c))]);
        return clean.Length > 80 ? clean[..80] + "…" : clean;
    }

    private static bool IsText(byte[] file)
    {
        try
        {
            _ = new UTF8Encoding(false, throwOnInvalidBytes: true).GetCharCount(file);
            return !file.Contains((byte)0);
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }
}
