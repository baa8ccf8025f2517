using SafeguardingSite.BackOffice.Checks;

namespace SafeguardingSite.UnitTests.BackOffice;

public class ReadingAgeTests
{
    [Theory]
    [InlineData("cat", 1)]
    [InlineData("safe", 1)]
    [InlineData("little", 2)]
    [InlineData("family", 3)]
    [InlineData("helped", 1)]
    [InlineData("wanted", 2)]
    [InlineData("safeguarding", 4)]
    [InlineData("free", 1)]
    public void Syllables_are_counted_by_vowel_groups(string word, int expected)
    {
        Assert.Equal(expected, ReadingAge.Syllables(word));
    }

    [Fact]
    public void Words_sentences_and_syllables_are_counted()
    {
        var measure = ReadingAge.Measure("The cat sat. The dog ran away! Did it come back?");

        Assert.Equal(11, measure.Words);
        Assert.Equal(3, measure.Sentences);
        Assert.Equal(12, measure.Syllables);
    }

    [Fact]
    public void The_grade_is_the_flesch_kincaid_formula_and_the_age_adds_five()
    {
        var measure = new TextMeasure(Words: 100, Sentences: 5, Syllables: 150);

        // 0.39 × 20 + 11.8 × 1.5 − 15.59 = 9.91
        Assert.Equal(9.91, measure.Grade, 2);
        Assert.Equal(15, measure.ReadingAge);
    }

    [Fact]
    public void Simple_text_reads_younger_than_official_text()
    {
        var simple = ReadingAge.Measure("You can talk to us. We will listen. It is not your fault.");
        var official = ReadingAge.Measure("Multi-agency safeguarding arrangements necessitate comprehensive organisational accountability.");

        Assert.True(simple.ReadingAge < 8, $"simple text read at {simple.ReadingAge}");
        Assert.True(official.ReadingAge > 16, $"official text read at {official.ReadingAge}");
    }

    [Fact]
    public void Text_without_a_full_stop_is_one_sentence_and_empty_text_is_nothing()
    {
        Assert.Equal(1, ReadingAge.Measure("Call us today").Sentences);
        Assert.Equal(0, ReadingAge.Measure("  ").Words);
        Assert.Equal(5, ReadingAge.Measure(string.Empty).ReadingAge);
    }
}
