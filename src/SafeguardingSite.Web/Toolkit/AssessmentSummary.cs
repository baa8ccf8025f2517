using System.Globalization;

namespace SafeguardingSite.Web.Toolkit;

/// <summary>The downloadable summary of an assessment: the level, the next steps and the score chosen for each area.</summary>
public static class AssessmentSummary
{
    public static IReadOnlyList<PdfBlock> PdfBlocks(AssessmentResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var blocks = new List<PdfBlock>
        {
            new(PdfBlockKind.Paragraph, "This summary holds only the scores chosen. Write the child's reference on it by hand if you attach it to a referral: ____________________"),
            new(PdfBlockKind.Heading, "Suggested level of need: " + result.Level.Name),
            new(PdfBlockKind.Paragraph, Explanation(result)),
            new(PdfBlockKind.Heading, "Next steps"),
        };
        blocks.AddRange(RichTextBlocks.From(result.Level.NextStepsHtml));
        blocks.Add(new PdfBlock(PdfBlockKind.Heading, "Scores by area"));
        foreach (var (area, score) in result.Scores)
        {
            blocks.Add(new PdfBlock(PdfBlockKind.SubHeading, string.Create(CultureInfo.InvariantCulture, $"{area.Name}: {score} of {AssessmentArea.HighestScore}")));
            blocks.Add(new PdfBlock(PdfBlockKind.Paragraph, area.Descriptors[score - 1]));
        }

        blocks.Add(new PdfBlock(PdfBlockKind.Paragraph, "The assessment supports, and does not replace, professional judgement. Discuss it with your designated safeguarding lead."));
        return blocks;
    }

    /// <summary>Why this level: the total, and the area that raised it when one did.</summary>
    public static string Explanation(AssessmentResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var total = string.Create(CultureInfo.InvariantCulture, $"Total score {result.Total} out of {result.MaximumTotal}.");
        return result.RaisedBy is { } area
            ? $"{total} The level was raised to {result.Level.Name.ToLowerInvariant()} because {area.Name.ToLowerInvariant()} was scored {result.Scores.First(s => s.Area == area).Score.ToString(CultureInfo.InvariantCulture)}: one area of serious concern is enough."
            : total;
    }
}
