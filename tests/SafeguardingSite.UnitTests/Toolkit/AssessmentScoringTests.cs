using SafeguardingSite.Web.Toolkit;

namespace SafeguardingSite.UnitTests.Toolkit;

public class AssessmentScoringTests
{
    private static readonly AssessmentDefinition Northdale = new(
        Guid.NewGuid(),
        "Neglect assessment",
        Enumerable.Range(1, 6).Select(i => new AssessmentArea(Guid.NewGuid(), $"Area {i}", null, ["met", "mostly met", "often unmet", "not met"])).ToList(),
        [
            new AssessmentLevel("Universal", 6, 9, null, "<p>Universal steps</p>"),
            new AssessmentLevel("Early help", 10, 14, 3, "<p>Early help steps</p>"),
            new AssessmentLevel("Targeted", 15, 19, null, "<p>Targeted steps</p>"),
            new AssessmentLevel("Statutory or child protection", 20, 24, 4, "<p>Statutory steps</p>"),
        ]);

    private static Dictionary<Guid, int> Scores(AssessmentDefinition definition, params int[] scores) =>
        definition.Areas.Zip(scores).ToDictionary(p => p.First.Key, p => p.Second);

    [Theory]
    [InlineData(new[] { 1, 1, 1, 1, 1, 1 }, "Universal", 6)]
    [InlineData(new[] { 2, 2, 2, 1, 1, 1 }, "Universal", 9)]
    [InlineData(new[] { 2, 2, 2, 2, 1, 1 }, "Early help", 10)]
    [InlineData(new[] { 3, 3, 3, 3, 3, 2 }, "Targeted", 17)]
    [InlineData(new[] { 4, 3, 3, 3, 3, 3 }, "Statutory or child protection", 19)]
    [InlineData(new[] { 3, 3, 3, 3, 3, 3 }, "Targeted", 18)]
    public void The_total_picks_the_level_and_one_serious_area_raises_it(int[] scores, string level, int total)
    {
        var result = AssessmentScoring.Score(Northdale, Scores(Northdale, scores));

        Assert.Equal(level, result.Level.Name);
        Assert.Equal(total, result.Total);
        Assert.Equal(24, result.MaximumTotal);
    }

    [Fact]
    public void A_single_area_scored_4_makes_it_statutory_even_when_every_other_area_is_met()
    {
        var result = AssessmentScoring.Score(Northdale, Scores(Northdale, 1, 1, 4, 1, 1, 1));

        Assert.Equal("Statutory or child protection", result.Level.Name);
        Assert.Equal("Area 3", result.RaisedBy?.Name);
        Assert.Contains("raised", AssessmentSummary.Explanation(result), StringComparison.Ordinal);
    }

    [Fact]
    public void A_single_area_scored_3_gives_at_least_early_help_but_never_lowers_a_higher_total()
    {
        Assert.Equal("Early help", AssessmentScoring.Score(Northdale, Scores(Northdale, 1, 1, 1, 1, 1, 3)).Level.Name);

        var targeted = AssessmentScoring.Score(Northdale, Scores(Northdale, 3, 3, 3, 3, 2, 2));
        Assert.Equal("Targeted", targeted.Level.Name);
        Assert.Null(targeted.RaisedBy);
    }

    [Fact]
    public void A_total_in_a_gap_between_ranges_takes_the_highest_level_it_has_reached()
    {
        var gappy = Northdale with
        {
            Levels = [new AssessmentLevel("Low", 6, 8, null, ""), new AssessmentLevel("High", 12, 24, null, "")],
        };

        Assert.Equal("Low", AssessmentScoring.Score(gappy, Scores(gappy, 2, 2, 2, 2, 1, 1)).Level.Name);
        Assert.Equal("High", AssessmentScoring.Score(gappy, Scores(gappy, 2, 2, 2, 2, 2, 2)).Level.Name);
    }

    [Fact]
    public void The_summary_lists_every_area_with_the_description_chosen()
    {
        var result = AssessmentScoring.Score(Northdale, Scores(Northdale, 1, 2, 3, 4, 1, 2));
        var blocks = AssessmentSummary.PdfBlocks(result);

        Assert.Contains(blocks, b => b.Text == "Suggested level of need: Statutory or child protection");
        Assert.Contains(blocks, b => b.Text == "Area 4: 4 of 4");
        Assert.Equal("not met", blocks[blocks.ToList().FindIndex(b => b.Text == "Area 4: 4 of 4") + 1].Text);
        Assert.Contains(blocks, b => b.Text == "Statutory steps");
    }
}
