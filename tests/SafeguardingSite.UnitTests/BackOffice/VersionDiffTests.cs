using System.Text.Json.Nodes;
using SafeguardingSite.BackOffice.History;
using SafeguardingSite.Content.Model;
using SafeguardingSite.Content.PropertyEditors;

namespace SafeguardingSite.UnitTests.BackOffice;

public class VersionDiffTests
{
    private static readonly ContentSchema Schema = new(
    [
        new DocumentType
        {
            Alias = "page", Name = "Page",
            Properties =
            [
                new() { Alias = "summary", Name = "Summary", DataType = "textarea" },
                new() { Alias = "body", Name = "Body", DataType = "richText" },
                new() { Alias = "priority", Name = "Priority", DataType = "integer" },
            ],
        },
    ],
    [
        new DataType { Alias = "textarea", Name = "Textarea", EditorAlias = EditorAliases.TextArea },
        new DataType { Alias = "richText", Name = "Rich text", EditorAlias = EditorAliases.RichText },
        new DataType { Alias = "integer", Name = "Integer", EditorAlias = EditorAliases.Integer },
    ]);

    [Fact]
    public void Changed_words_are_marked_and_the_rest_is_kept_on_both_sides()
    {
        var diff = VersionDiff.Diff("summary", "Summary", "Call the front door team today", "Call the duty team today");

        Assert.True(diff.Changed);
        Assert.Equal("Call the front door team today", string.Concat(diff.Before.Select(p => p.Text)));
        Assert.Equal("Call the duty team today", string.Concat(diff.After.Select(p => p.Text)));
        Assert.Equal("front door", Assert.Single(diff.Before, p => p.Kind == DiffKind.Removed).Text.Trim());
        Assert.Equal("duty", Assert.Single(diff.After, p => p.Kind == DiffKind.Added).Text.Trim());
        Assert.DoesNotContain(diff.Before, p => p.Kind == DiffKind.Added);
        Assert.DoesNotContain(diff.After, p => p.Kind == DiffKind.Removed);
    }

    [Fact]
    public void A_replaced_phrase_reads_as_one_removal_and_one_addition()
    {
        var diff = VersionDiff.Diff("summary", "Summary", "on their back to sleep now", "on their back in a cot now");

        Assert.Equal("to sleep", Assert.Single(diff.Before, p => p.Kind == DiffKind.Removed).Text.Trim());
        Assert.Equal("in a cot", Assert.Single(diff.After, p => p.Kind == DiffKind.Added).Text.Trim());
    }

    [Fact]
    public void Identical_text_is_not_a_change()
    {
        var diff = VersionDiff.Diff("summary", "Summary", "Same words", "Same words");

        Assert.False(diff.Changed);
        Assert.Equal(DiffKind.Same, Assert.Single(diff.After).Kind);
    }

    [Fact]
    public void Versions_are_compared_property_by_property_with_rich_text_as_words()
    {
        var before = new VersionValues("Private fostering", new JsonObject
        {
            ["summary"] = "Unchanged summary",
            ["body"] = "<h2>What it is</h2><p>A child lives with <strong>someone</strong> else.</p>",
            ["priority"] = 1,
        });
        var after = new VersionValues("Private fostering arrangements", new JsonObject
        {
            ["summary"] = "Unchanged summary",
            ["body"] = "<h2>What it is</h2><p>A child lives with a carer.</p>",
            ["priority"] = 2,
        });

        var diffs = VersionDiff.Compare(Schema, "page", before, after);

        Assert.Equal(["name", "summary", "body", "priority"], diffs.Select(d => d.Alias));
        Assert.Equal(["name", "body", "priority"], diffs.Where(d => d.Changed).Select(d => d.Alias));
        var body = diffs.Single(d => d.Alias == "body");
        Assert.Equal("What it is\nA child lives with someone else.", string.Concat(body.Before.Select(p => p.Text)));
        Assert.DoesNotContain(body.After, p => p.Text.Contains('<', StringComparison.Ordinal));
        Assert.Contains(body.After, p => p.Kind == DiffKind.Added && p.Text.Contains("carer", StringComparison.Ordinal));
    }

    [Fact]
    public void A_property_added_since_the_older_version_shows_as_all_added()
    {
        var diffs = VersionDiff.Compare(Schema, "page", new VersionValues("A", []), new VersionValues("A", new JsonObject { ["summary"] = "New text" }));

        var summary = diffs.Single(d => d.Alias == "summary");
        Assert.True(summary.Changed);
        Assert.Empty(summary.Before);
        Assert.Equal("New text", string.Concat(summary.After.Where(p => p.Kind == DiffKind.Added).Select(p => p.Text)));
    }
}
