using System.Globalization;
using SafeguardingSite.Bulletin.Model;
using SafeguardingSite.Content.Published;
using SafeguardingSite.Platform.Contracts;

namespace SafeguardingSite.Bulletin.Editions;

/// <summary>The compose form as posted: every value a string, so whatever was typed can be shown again.</summary>
public sealed class EditionForm
{
    public string? Kind { get; set; }
    public string? Title { get; set; }
    public string? Intro { get; set; }
    public List<BlockForm> Blocks { get; set; } = [];
}

public sealed class BlockForm
{
    public string? Kind { get; set; }
    public string? Heading { get; set; }
    public string? Body { get; set; }

    /// <summary>The picked page, for a site-content block.</summary>
    public string? ContentKey { get; set; }

    /// <summary>What the editor typed in the site-content block's search box.</summary>
    public string? Search { get; set; }
    public string? TrainingCount { get; set; }
}

/// <summary>A published page an edition can point to.</summary>
public sealed record PickableContent(Guid Key, string Title, string Label, string Url, string Summary);

/// <summary>
/// Turns the compose form into an edition's blocks and back: names the problems field by field, applies the add,
/// remove and reorder buttons without losing anything typed, and copies picked pages and training dates in.
/// </summary>
public sealed class EditionComposer(IPublishedSnapshotAccessor snapshots, IEnumerable<IUpcomingTrainingSource> training, TimeProvider clock)
{
    public const int SearchLength = 100;
    public const int MaxTrainingDates = 10;
    public const int DefaultTrainingDates = 5;
    private const int SearchResults = 10;

    public static readonly IReadOnlyDictionary<string, EditionKind> Kinds = new Dictionary<string, EditionKind>
    {
        ["monthly"] = EditionKind.Monthly, ["special"] = EditionKind.Special, ["safetyAlert"] = EditionKind.SafetyAlert,
    };

    public static readonly IReadOnlyDictionary<string, EditionBlockKind> BlockKinds = new Dictionary<string, EditionBlockKind>
    {
        ["article"] = EditionBlockKind.Article, ["siteContent"] = EditionBlockKind.SiteContent,
        ["safetyMessage"] = EditionBlockKind.SafetyMessage, ["upcomingTraining"] = EditionBlockKind.UpcomingTraining,
    };

    /// <summary>Page types an edition may point to, with the word editors and readers know them by.</summary>
    private static readonly Dictionary<string, string> PickableTypes = new(StringComparer.Ordinal)
    {
        ["newsArticle"] = "News", ["resource"] = "Resource", ["campaign"] = "Campaign",
    };

    public static string KindName(EditionKind kind) => Kinds.First(k => k.Value == kind).Key;

    public static string BlockKindName(EditionBlockKind kind) => BlockKinds.First(k => k.Value == kind).Key;

    /// <summary>
    /// Applies an add/remove/move command ("add:article", "remove:2", "up:1", "down:0"); false when the command is not
    /// one of those (saving, searching). Nothing typed in any block is lost.
    /// </summary>
    public static bool ApplyCommand(EditionForm form, string? command)
    {
        ArgumentNullException.ThrowIfNull(form);
        var (verb, argument) = command?.Split(':', 2) is [var v, var a] ? (v, a) : (command, string.Empty);
        if (verb == "add" && BlockKinds.ContainsKey(argument) && form.Blocks.Count < BulletinLimits.Items)
        {
            form.Blocks.Add(new BlockForm
            {
                Kind = argument,
                Heading = argument == "upcomingTraining" ? "Upcoming training" : null,
                TrainingCount = argument == "upcomingTraining" ? DefaultTrainingDates.ToString(CultureInfo.InvariantCulture) : null,
            });
            return true;
        }

        if (!int.TryParse(argument, NumberStyles.None, CultureInfo.InvariantCulture, out var index) || index >= form.Blocks.Count)
        {
            return verb is "add" or "remove" or "up" or "down";
        }

        switch (verb)
        {
            case "remove":
                form.Blocks.RemoveAt(index);
                return true;
            case "up" when index > 0:
                (form.Blocks[index - 1], form.Blocks[index]) = (form.Blocks[index], form.Blocks[index - 1]);
                return true;
            case "down" when index < form.Blocks.Count - 1:
                (form.Blocks[index + 1], form.Blocks[index]) = (form.Blocks[index], form.Blocks[index + 1]);
                return true;
            default:
                return verb is "up" or "down";
        }
    }

    /// <summary>Field name (as the form posts it) → what is wrong; empty when the edition can be saved.</summary>
    public Dictionary<string, string> Validate(EditionForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var errors = new Dictionary<string, string>();
        if (form.Kind is null || !Kinds.ContainsKey(form.Kind))
        {
            errors["Kind"] = "Choose the type of edition: monthly, special or safety alert.";
        }

        if (string.IsNullOrWhiteSpace(form.Title))
        {
            errors["Title"] = "Enter a title.";
        }
        else if (form.Title.Trim().Length > BulletinLimits.Title)
        {
            errors["Title"] = $"The title must be {BulletinLimits.Title} characters or fewer.";
        }

        if ((form.Intro?.Length ?? 0) > BulletinLimits.Intro)
        {
            errors["Intro"] = $"The introduction must be {BulletinLimits.Intro} characters or fewer.";
        }

        if (form.Blocks.Count > BulletinLimits.Items)
        {
            errors["Blocks"] = $"An edition can have at most {BulletinLimits.Items} blocks.";
            return errors;
        }

        for (var i = 0; i < form.Blocks.Count; i++)
        {
            ValidateBlock(form.Blocks[i], $"Blocks[{i}]", errors);
        }

        return errors;
    }

    private void ValidateBlock(BlockForm block, string prefix, Dictionary<string, string> errors)
    {
        if (block.Kind is null || !BlockKinds.TryGetValue(block.Kind, out var kind))
        {
            errors[prefix + ".Kind"] = "This block is of an unknown type; remove it and add it again.";
            return;
        }

        if ((block.Search?.Length ?? 0) > SearchLength)
        {
            errors[prefix + ".Search"] = $"Search for {SearchLength} characters or fewer.";
        }

        switch (kind)
        {
            case EditionBlockKind.SiteContent:
                if (!Guid.TryParse(block.ContentKey, out var key))
                {
                    errors[prefix + ".ContentKey"] = "Search for a page and choose one.";
                }
                else if (FindPickable(key) is null)
                {
                    errors[prefix + ".ContentKey"] = "That page is no longer published or cannot go in the e-bulletin; choose another.";
                }

                return;
            case EditionBlockKind.UpcomingTraining:
                RequireHeading(block, prefix, errors);
                if (!int.TryParse(block.TrainingCount, NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count is < 1 or > MaxTrainingDates)
                {
                    errors[prefix + ".TrainingCount"] = $"Enter how many dates to show, from 1 to {MaxTrainingDates}.";
                }

                return;
            default:
                RequireHeading(block, prefix, errors);
                if (string.IsNullOrWhiteSpace(block.Body))
                {
                    errors[prefix + ".Body"] = "Enter the text.";
                }
                else if (block.Body.Length > BulletinLimits.ItemText)
                {
                    errors[prefix + ".Body"] = $"The text must be {BulletinLimits.ItemText} characters or fewer.";
                }
                else if (EditionMarkdown.Problems(block.Body) is [var problem, ..])
                {
                    errors[prefix + ".Body"] = problem;
                }

                return;
        }
    }

    private static void RequireHeading(BlockForm block, string prefix, Dictionary<string, string> errors)
    {
        if (string.IsNullOrWhiteSpace(block.Heading))
        {
            errors[prefix + ".Heading"] = "Enter a heading.";
        }
        else if (block.Heading.Trim().Length > BulletinLimits.Title)
        {
            errors[prefix + ".Heading"] = $"The heading must be {BulletinLimits.Title} characters or fewer.";
        }
    }

    /// <summary>The blocks of a valid form, with picked pages and the next training dates copied in as they are now.</summary>
    public async Task<List<EditionBlock>> BuildAsync(EditionForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var blocks = new List<EditionBlock>();
        foreach (var input in form.Blocks)
        {
            var kind = BlockKinds[input.Kind!];
            var block = new EditionBlock { Kind = kind, Heading = input.Heading?.Trim() ?? string.Empty, Body = input.Body?.Trim() ?? string.Empty };
            if (kind == EditionBlockKind.SiteContent)
            {
                var page = FindPickable(Guid.Parse(input.ContentKey!))!;
                (block.ContentKey, block.Heading, block.Body, block.Url, block.ContentLabel) = (page.Key, page.Title, page.Summary, page.Url, page.Label);
            }
            else if (kind == EditionBlockKind.UpcomingTraining)
            {
                block.Body = string.Empty;
                block.TrainingCount = int.Parse(input.TrainingCount!, CultureInfo.InvariantCulture);
                block.Training = await UpcomingAsync(block.TrainingCount, cancellationToken);
            }

            blocks.Add(block);
        }

        return blocks;
    }

    public static EditionForm ToForm(Edition edition)
    {
        ArgumentNullException.ThrowIfNull(edition);
        return new EditionForm
        {
            Kind = KindName(edition.Kind),
            Title = edition.Title,
            Intro = edition.Intro,
            Blocks = [.. edition.Blocks.Select(b => new BlockForm
            {
                Kind = BlockKindName(b.Kind),
                Heading = b.Heading,
                Body = b.Kind == EditionBlockKind.SiteContent ? null : b.Body,
                ContentKey = b.ContentKey?.ToString(),
                TrainingCount = b.Kind == EditionBlockKind.UpcomingTraining ? b.TrainingCount.ToString(CultureInfo.InvariantCulture) : null,
            })],
        };
    }

    /// <summary>Published news, resources, campaigns and training pages whose title or summary contains every word searched.</summary>
    public IReadOnlyList<PickableContent> Search(string? query)
    {
        var words = (query ?? string.Empty).Trim();
        if (words.Length == 0)
        {
            return [];
        }

        var terms = words[..Math.Min(words.Length, SearchLength)].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return [.. snapshots.Current.All.Select(ToPickable).OfType<PickableContent>()
            .Where(p => terms.All(t => p.Title.Contains(t, StringComparison.OrdinalIgnoreCase) || p.Summary.Contains(t, StringComparison.OrdinalIgnoreCase)))
            .OrderBy(p => p.Title, StringComparer.OrdinalIgnoreCase).Take(SearchResults)];
    }

    public PickableContent? FindPickable(Guid key) => snapshots.Current.Find(key) is { } page ? ToPickable(page) : null;

    /// <summary>Pages under the training section count as training, whatever their type.</summary>
    private static PickableContent? ToPickable(PublishedContent page)
    {
        var label = PickableTypes.GetValueOrDefault(page.ContentTypeAlias)
            ?? (page.Ancestors().Any(a => a.ContentTypeAlias == "trainingIndex") ? "Training" : null);
        return label is null ? null : new PickableContent(page.Key, page.Name, label, page.Url, page.Text("summary") ?? string.Empty);
    }

    private async Task<List<EditionTrainingDate>> UpcomingAsync(int count, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var dates = new List<UpcomingTrainingItem>();
        foreach (var source in training)
        {
            dates.AddRange(await source.GetUpcomingAsync(now, count, cancellationToken));
        }

        return [.. dates.Where(d => d.StartsAt >= now).OrderBy(d => d.StartsAt).Take(count).Select(d => new EditionTrainingDate
        {
            Title = d.Title, Url = d.Url, StartsAt = d.StartsAt, DeliveryMode = d.DeliveryMode, Venue = d.Venue,
        })];
    }
}
