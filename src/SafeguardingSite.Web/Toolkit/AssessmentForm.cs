using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace SafeguardingSite.Web.Toolkit;

/// <summary>
/// What the practitioner chose, read from the posted form and checked against the assessment. Nothing here is kept
/// beyond the request: the scores are used to work out the level and then discarded.
/// </summary>
public sealed class AssessmentForm
{
    private AssessmentForm(IReadOnlyDictionary<Guid, int> scores, IReadOnlyDictionary<string, string> missing, IReadOnlyDictionary<string, string> invalid)
    {
        Scores = scores;
        Missing = missing;
        Invalid = invalid;
    }

    /// <summary>An empty form, as the page first shows it.</summary>
    public static AssessmentForm Empty { get; } = new(new Dictionary<Guid, int>(), new Dictionary<string, string>(), new Dictionary<string, string>());

    public IReadOnlyDictionary<Guid, int> Scores { get; }

    /// <summary>Areas with no choice, by field name, with the message shown beside them.</summary>
    public IReadOnlyDictionary<string, string> Missing { get; }

    /// <summary>Areas whose value is not one of the four choices (only a hand-made request sends these).</summary>
    public IReadOnlyDictionary<string, string> Invalid { get; }

    public bool IsComplete => Missing.Count == 0 && Invalid.Count == 0;

    public IEnumerable<KeyValuePair<string, string>> Errors => Invalid.Concat(Missing);

    public int? ScoreFor(AssessmentArea area) => Scores.TryGetValue(area.Key, out var score) ? score : null;

    public string? ErrorFor(AssessmentArea area) =>
        Invalid.TryGetValue(area.FieldName, out var invalid) ? invalid : Missing.GetValueOrDefault(area.FieldName);

    public static AssessmentForm Read(IFormCollection form, AssessmentDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(definition);
        var scores = new Dictionary<Guid, int>();
        var missing = new Dictionary<string, string>(StringComparer.Ordinal);
        var invalid = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var area in definition.Areas)
        {
            var values = form[area.FieldName];
            if (values.Count == 0 || string.IsNullOrWhiteSpace(values[0]))
            {
                missing[area.FieldName] = $"Choose the description that best fits {area.Name.ToLowerInvariant()}";
            }
            else if (values.Count == 1
                && int.TryParse(values[0], NumberStyles.None, CultureInfo.InvariantCulture, out var score)
                && score is >= AssessmentArea.LowestScore and <= AssessmentArea.HighestScore)
            {
                scores[area.Key] = score;
            }
            else
            {
                invalid[area.FieldName] = $"The score for {area.Name.ToLowerInvariant()} must be one of the four descriptions (1 to 4)";
            }
        }

        return new AssessmentForm(scores, missing, invalid);
    }
}
