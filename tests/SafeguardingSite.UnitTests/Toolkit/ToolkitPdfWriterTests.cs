using SafeguardingSite.Web.Toolkit;
using UglyToad.PdfPig;

namespace SafeguardingSite.UnitTests.Toolkit;

public class ToolkitPdfWriterTests
{
    private static readonly DateTimeOffset Generated = new(2026, 11, 22, 9, 30, 0, TimeSpan.Zero);

    private static PdfDocument Open(IReadOnlyList<PdfBlock> blocks) =>
        PdfDocument.Open(ToolkitPdfWriter.Write(new PdfDocumentContent(
            "Northdale Safeguarding Children Partnership", "Neglect toolkit", "https://example.test/resources/neglect-toolkit/", Generated, blocks)));

    private static string Words(PdfDocument document) =>
        string.Join(' ', document.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text));

    [Fact]
    public void The_first_page_names_the_partnership_the_title_the_date_and_the_address()
    {
        using var document = Open([new PdfBlock(PdfBlockKind.Title, "Recognising neglect"), new PdfBlock(PdfBlockKind.Paragraph, "Neglect builds slowly.")]);
        var text = Words(document);

        Assert.Contains("Northdale Safeguarding Children Partnership", text, StringComparison.Ordinal);
        Assert.Contains("Neglect toolkit", text, StringComparison.Ordinal);
        Assert.Contains("Recognising neglect", text, StringComparison.Ordinal);
        Assert.Contains("Generated on 22 November 2026 at 09:30 UTC", text, StringComparison.Ordinal);
        Assert.Contains("https://example.test/resources/neglect-toolkit/", text, StringComparison.Ordinal);
        Assert.Equal("Neglect toolkit", document.Information.Title);
    }

    [Fact]
    public void Long_text_wraps_inside_the_margins_and_flows_onto_numbered_pages()
    {
        var paragraph = string.Join(' ', Enumerable.Repeat("Record what you see each time, with dates, so a pattern can be shown.", 12));
        var blocks = Enumerable.Range(1, 30).SelectMany(i => new[]
        {
            new PdfBlock(PdfBlockKind.Heading, $"Section {i}"),
            new PdfBlock(PdfBlockKind.Paragraph, paragraph),
        }).Append(new PdfBlock(PdfBlockKind.Paragraph, "https://example.test/" + new string('a', 300))).ToList();

        using var document = Open(blocks);
        var pages = document.GetPages().ToList();

        Assert.True(pages.Count > 3, $"{pages.Count} pages");
        foreach (var page in pages)
        {
            var letters = page.Letters;
            Assert.All(letters, l => Assert.InRange(l.BoundingBox.Right, 0, page.Width - 50));
            Assert.All(letters, l => Assert.InRange(l.BoundingBox.Bottom, 20, page.Height - 40));
            Assert.Contains($"Page {page.Number} of {pages.Count}", page.Text, StringComparison.Ordinal);
        }

        Assert.Contains("Section 30", Words(document), StringComparison.Ordinal);
    }

    [Fact]
    public void A_new_module_starts_a_new_page()
    {
        using var document = Open([new PdfBlock(PdfBlockKind.Title, "First module"), new PdfBlock(PdfBlockKind.Title, "Second module")]);

        Assert.Equal(2, document.NumberOfPages);
        Assert.Contains("Second", document.GetPage(2).Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Typographic_characters_come_out_as_their_plain_equivalents()
    {
        using var document = Open([new PdfBlock(PdfBlockKind.Paragraph, "\u201CIt\u2019s fine\u201D \u2013 caf\u00E9 na\u00EFve\u2026 \u2022 \U0001F600 \u4E2D")]);

        Assert.Contains("\"It's fine\" - cafe naive... - ?? ?", document.GetPage(1).Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_printable_ascii_character_can_be_drawn()
    {
        var ascii = new string(Enumerable.Range(33, 94).Select(c => (char)c).ToArray());

        using var document = Open([new PdfBlock(PdfBlockKind.Paragraph, ascii)]);

        Assert.Contains(ascii, document.GetPage(1).Text, StringComparison.Ordinal);
    }
}
