using SafeguardingSite.Web.Toolkit;

namespace SafeguardingSite.UnitTests.Toolkit;

public class RichTextBlocksTests
{
    [Fact]
    public void Paragraphs_lists_and_headings_become_blocks_in_order()
    {
        var blocks = RichTextBlocks.From("<p>One <strong>two</strong>\n three</p><ul><li>Dot</li></ul><ol><li>First</li><li>Second</li></ol><h3>Sub</h3><div><p>Inside</p></div>");

        Assert.Equal(
            [
                new PdfBlock(PdfBlockKind.Paragraph, "One two three"),
                new PdfBlock(PdfBlockKind.Bullet, "Dot"),
                new PdfBlock(PdfBlockKind.Bullet, "1. First"),
                new PdfBlock(PdfBlockKind.Bullet, "2. Second"),
                new PdfBlock(PdfBlockKind.SubHeading, "Sub"),
                new PdfBlock(PdfBlockKind.Paragraph, "Inside"),
            ],
            blocks);
    }

    [Fact]
    public void Scripts_and_empty_markup_add_nothing()
    {
        Assert.Empty(RichTextBlocks.From("<script>alert(1)</script><p> </p><br>"));
        Assert.Empty(RichTextBlocks.From(null));
    }
}
