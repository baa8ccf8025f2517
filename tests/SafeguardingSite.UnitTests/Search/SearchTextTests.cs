using Lucene.Net.Analysis.En;
using Lucene.Net.Util;
using SafeguardingSite.Search;

namespace SafeguardingSite.UnitTests.Search;

public class SearchTextTests
{
    [Theory]
    [InlineData("neglct", "neglect", 1)]
    [InlineData("exploitaton", "exploitation", 1)]
    [InlineData("nelgect", "neglect", 1)]
    [InlineData("safe", "safe", 0)]
    [InlineData("bully", "neglect", 3)]
    public void Edit_distance_counts_insertions_deletions_substitutions_and_swaps(string typed, string word, int expected)
    {
        Assert.Equal(expected, SpellingSuggester.Distance(typed, word, limit: 2));
    }

    [Fact]
    public void Synonym_groups_are_one_a_line_and_ignore_blanks_and_singletons()
    {
        var synonyms = SearchSynonyms.Parse("CSE, child sexual exploitation\r\n\r\n  lonely  \nDSL,designated safeguarding lead, dsl\n,,");

        Assert.Equal(2, synonyms.Groups.Count);
        Assert.Equal(["CSE", "child sexual exploitation"], synonyms.Groups[0]);
        Assert.Equal(["DSL", "designated safeguarding lead"], synonyms.Groups[1]);
        Assert.Same(SearchSynonyms.None, SearchSynonyms.Parse("   "));
    }

    [Fact]
    public void A_snippet_marks_stemmed_matches_and_encodes_the_rest()
    {
        using var analyzer = new EnglishAnalyzer(LuceneVersion.LUCENE_48);
        var text = "Parents <b>worried</b> about sleeping babies & cots should read this.";

        var snippet = SnippetBuilder.Build(analyzer, text, new HashSet<string> { "sleep", "cot" });

        Assert.Equal("Parents &lt;b&gt;worried&lt;/b&gt; about <mark>sleeping</mark> babies &amp; <mark>cots</mark> should read this.", snippet);
    }

    [Fact]
    public void A_snippet_without_matches_is_the_start_of_the_text()
    {
        using var analyzer = new EnglishAnalyzer(LuceneVersion.LUCENE_48);
        var text = string.Join(' ', Enumerable.Repeat("words", 100));

        var snippet = SnippetBuilder.Build(analyzer, text, new HashSet<string> { "absent" });

        Assert.EndsWith(" …", snippet, StringComparison.Ordinal);
        Assert.True(snippet.Length <= SnippetBuilder.Length + 2);
    }
}
