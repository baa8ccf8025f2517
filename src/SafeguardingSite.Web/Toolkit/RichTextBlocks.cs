using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace SafeguardingSite.Web.Toolkit;

/// <summary>
/// Turns an editor's rich text (already sanitised when it was saved) into the paragraphs, bullets and headings a PDF
/// lays out; inline formatting is dropped because the built-in PDF fonts carry no italics worth the complexity.
/// </summary>
public static class RichTextBlocks
{
    private static readonly HtmlParser Parser = new();

    public static IReadOnlyList<PdfBlock> From(string? html)
    {
        var blocks = new List<PdfBlock>();
        if (string.IsNullOrWhiteSpace(html))
        {
            return blocks;
        }

        using var document = Parser.ParseDocument("<body>" + html + "</body>");
        Collect(document.Body!, blocks);
        return blocks;
    }

    private static void Collect(INode parent, List<PdfBlock> blocks)
    {
        foreach (var node in parent.ChildNodes)
        {
            switch (node)
            {
                case IElement { LocalName: "p" or "blockquote" or "figcaption" or "address" } element:
                    Add(blocks, PdfBlockKind.Paragraph, element.TextContent);
                    break;
                case IElement { LocalName: "h1" or "h2" or "h3" or "h4" or "h5" or "h6" } heading:
                    Add(blocks, PdfBlockKind.SubHeading, heading.TextContent);
                    break;
                case IElement { LocalName: "ul" or "ol" } list:
                    var number = 1;
                    foreach (var item in list.Children.Where(c => c.LocalName == "li"))
                    {
                        var prefix = list.LocalName == "ol" ? $"{number++}. " : string.Empty;
                        Add(blocks, PdfBlockKind.Bullet, prefix + item.TextContent);
                    }

                    break;
                case IElement { LocalName: "br" or "img" or "iframe" or "script" or "style" }:
                    break;
                case IElement element when element.Children.Any(IsBlock):
                    Collect(element, blocks);
                    break;
                case IElement or IText:
                    Add(blocks, PdfBlockKind.Paragraph, node.TextContent);
                    break;
            }
        }
    }

    private static bool IsBlock(IElement element) =>
        element.LocalName is "p" or "ul" or "ol" or "div" or "section" or "blockquote" or "h2" or "h3" or "h4" or "h5" or "h6" or "table";

    private static void Add(List<PdfBlock> blocks, PdfBlockKind kind, string text)
    {
        var collapsed = string.Join(' ', text.Split((char[])[' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries));
        if (collapsed.Length > 0)
        {
            blocks.Add(new PdfBlock(kind, collapsed));
        }
    }
}
