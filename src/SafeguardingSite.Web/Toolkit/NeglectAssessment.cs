using System.Globalization;
using System.Text.Json;
using SafeguardingSite.Content.Published;

namespace SafeguardingSite.Web.Toolkit;

/// <summary>An area of a child's care and the four descriptions the practitioner chooses between, scored 1 to 4.</summary>
public sealed record AssessmentArea(Guid Key, string Name, string? Guidance, IReadOnlyList<string> Descriptors)
{
    public const int LowestScore = 1;
    public const int HighestScore = 4;

    public string FieldName => "area-" + Key.ToString("N");
}

/// <summary>A level of the continuum of need: the totals it covers, the single-area score that raises a result to it, and what to do.</summary>
public sealed record AssessmentLevel(string Name, int FromScore, int ToScore, int? RaisedByAreaScore, string NextStepsHtml);

/// <summary>The assessment as the editors set it up: areas in order, and levels from least to most concern.</summary>
public sealed record AssessmentDefinition(Guid Key, string Name, IReadOnlyList<AssessmentArea> Areas, IReadOnlyList<AssessmentLevel> Levels)
{
    private static readonly string[] DescriptorAliases = ["needsMet", "needsMostlyMet", "needsOftenUnmet", "needsNotMet"];

    public int MaximumTotal => Areas.Count * AssessmentArea.HighestScore;

    public static AssessmentDefinition From(PublishedContent page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var areas = PropertyReader.Blocks(page.Properties, "areas")
            .Where(b => b.ContentTypeAlias == "assessmentArea")
            .Select(b => new AssessmentArea(
                b.Key,
                PropertyReader.Text(b.Properties, "name") ?? "Area",
                PropertyReader.Text(b.Properties, "guidance"),
                DescriptorAliases.Select(a => PropertyReader.Text(b.Properties, a) ?? string.Empty).ToList()))
            .ToList();
        var levels = PropertyReader.Blocks(page.Properties, "levels")
            .Where(b => b.ContentTypeAlias == "assessmentLevel")
            .Select(b => new AssessmentLevel(
                PropertyReader.Text(b.Properties, "name") ?? "Level",
                Number(b.Properties, "fromScore") ?? 0,
                Number(b.Properties, "toScore") ?? int.MaxValue,
                Number(b.Properties, "raisedByAreaScore"),
                PropertyReader.Text(b.Properties, "nextSteps") ?? string.Empty))
            .ToList();
        return new AssessmentDefinition(page.Key, page.Name, areas, levels);
    }

    private static int? Number(IReadOnlyDictionary<string, JsonElement> properties, string alias) =>
        PropertyReader.Text(properties, alias) is { } text && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : null;
}

/// <summary>The outcome: the level, why (the total, or one area's score raising it), and every area's score.</summary>
public sealed record AssessmentResult(AssessmentLevel Level, int Total, int MaximumTotal, AssessmentArea? RaisedBy, IReadOnlyList<(AssessmentArea Area, int Score)> Scores);

/// <summary>
/// The scoring rule (docs/toolkit.md): the total of all areas picks the level whose range contains it (if the ranges
/// leave a gap, the highest level whose lowest score it reaches). Then any level whose "raised by" score is reached by a single area
/// becomes the floor, so one area of serious concern is never averaged away by others that are fine. A raise never
/// lowers a result.
/// </summary>
public static class AssessmentScoring
{
    public static AssessmentResult Score(AssessmentDefinition definition, IReadOnlyDictionary<Guid, int> scores)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(scores);
        if (definition.Levels.Count == 0)
        {
            throw new InvalidOperationException($"The assessment '{definition.Name}' has no levels.");
        }

        var scored = definition.Areas.Select(a => (Area: a, Score: scores[a.Key])).ToList();
        var total = scored.Sum(s => s.Score);
        var byTotal = IndexForTotal(definition.Levels, total);

        var highest = scored.Count == 0 ? 0 : scored.Max(s => s.Score);
        var raisedTo = -1;
        for (var i = 0; i < definition.Levels.Count; i++)
        {
            if (definition.Levels[i].RaisedByAreaScore is { } trigger && highest >= trigger)
            {
                raisedTo = i;
            }
        }

        var level = Math.Max(byTotal, raisedTo);
        var raisedBy = raisedTo > byTotal ? scored.First(s => s.Score == highest).Area : null;
        return new AssessmentResult(definition.Levels[level], total, definition.MaximumTotal, raisedBy, scored);
    }

    private static int IndexForTotal(IReadOnlyList<AssessmentLevel> levels, int total)
    {
        for (var i = 0; i < levels.Count; i++)
        {
            if (total >= levels[i].FromScore && total <= levels[i].ToScore)
            {
                return i;
            }
        }

        // Ranges with a gap or overlap are an editing slip: fall back to the highest level the total has reached.
        var reached = 0;
        for (var i = 0; i < levels.Count; i++)
        {
            if (total >= levels[i].FromScore)
            {
                reached = i;
            }
        }

        return reached;
    }
}
