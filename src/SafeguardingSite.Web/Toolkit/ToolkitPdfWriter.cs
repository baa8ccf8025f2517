using System.Globalization;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace SafeguardingSite.Web.Toolkit;

public enum PdfBlockKind
{
    /// <summary>A module's title; starts a new page unless it is the first thing in the document.</summary>
    Title,
    Heading,
    SubHeading,
    Paragraph,
    Bullet,
}

public sealed record PdfBlock(PdfBlockKind Kind, string Text);

/// <summary>What a downloadable toolkit PDF says: who published it, what it is, when and where it came from.</summary>
public sealed record PdfDocumentContent(string PartnershipName, string Title, string Url, DateTimeOffset GeneratedAt, IReadOnlyList<PdfBlock> Blocks);

/// <summary>
/// Lays out toolkit text on A4 pages with PdfPig's built-in Helvetica (no font files to ship): words wrap to the
/// text width, blocks that do not fit move to a new page, and every page carries the partnership, the source address
/// and "page n of m" so a printed sheet separated from a referral still says where it came from.
/// </summary>
public static class ToolkitPdfWriter
{
    private const double Margin = 56;
    private const double FooterSize = 8;
    private static readonly CultureInfo British = CultureInfo.GetCultureInfo("en-GB");

    public static byte[] Write(PdfDocumentContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var builder = new PdfDocumentBuilder();
        builder.DocumentInformation.Title = PdfText.ToDrawable(content.Title);
        builder.DocumentInformation.Author = PdfText.ToDrawable(content.PartnershipName);
        var layout = new Layout(builder);

        layout.Write(content.Title, Style.DocumentTitle);
        layout.Write(content.PartnershipName, Style.Meta);
        layout.Write("Generated on " + content.GeneratedAt.ToString("d MMMM yyyy 'at' HH:mm 'UTC'", British), Style.Meta);
        layout.Write("From " + content.Url, Style.Meta);
        layout.Gap(12);

        var first = true;
        foreach (var block in content.Blocks)
        {
            if (block.Kind == PdfBlockKind.Title && !first)
            {
                layout.NewPage();
            }

            first = false;
            layout.Write(block.Text, block.Kind switch
            {
                PdfBlockKind.Title => Style.Title,
                PdfBlockKind.Heading => Style.Heading,
                PdfBlockKind.SubHeading => Style.SubHeading,
                PdfBlockKind.Bullet => Style.Bullet,
                _ => Style.Paragraph,
            });
        }

        layout.AddFooters(content.PartnershipName, content.Url);
        return builder.Build();
    }

    private sealed record Style(double Size, bool Bold, double SpaceBefore, double SpaceAfter, double Indent = 0, string? Marker = null)
    {
        public static readonly Style DocumentTitle = new(20, true, 0, 6);
        public static readonly Style Meta = new(9, false, 0, 2);
        public static readonly Style Title = new(16, true, 6, 6);
        public static readonly Style Heading = new(13, true, 10, 4);
        public static readonly Style SubHeading = new(11, true, 6, 3);
        public static readonly Style Paragraph = new(10.5, false, 0, 6);
        public static readonly Style Bullet = new(10.5, false, 0, 3, Indent: 14, Marker: "-");

        public double LineHeight => Size * 1.35;
    }

    private sealed class Layout
    {
        private readonly PdfDocumentBuilder builder;
        private readonly PdfDocumentBuilder.AddedFont regular;
        private readonly PdfDocumentBuilder.AddedFont bold;
        private readonly List<PdfPageBuilder> pages = [];
        private PdfPageBuilder page;
        private double y;

        public Layout(PdfDocumentBuilder builder)
        {
            this.builder = builder;
            regular = builder.AddStandard14Font(Standard14Font.Helvetica);
            bold = builder.AddStandard14Font(Standard14Font.HelveticaBold);
            page = AddPage();
        }

        private double TextWidth => page.PageSize.Width - (2 * Margin);

        public void Write(string text, Style style)
        {
            var font = style.Bold ? bold : regular;
            var lines = Wrap(PdfText.ToDrawable(text), style.Size, font, TextWidth - style.Indent);
            // A heading with no room for a line of text after it would sit orphaned at the foot of the page.
            var keepWithNext = style.Bold ? Style.Paragraph.LineHeight * 2 : 0;
            if (y - style.SpaceBefore - (style.LineHeight * Math.Min(lines.Count, 2)) - keepWithNext < Margin + 24)
            {
                NewPage();
            }
            else
            {
                y -= style.SpaceBefore;
            }

            for (var i = 0; i < lines.Count; i++)
            {
                if (y - style.LineHeight < Margin + 24)
                {
                    NewPage();
                }

                y -= style.LineHeight;
                if (i == 0 && style.Marker is { } marker)
                {
                    page.AddText(marker, style.Size, new PdfPoint(Margin + 2, y), font);
                }

                page.AddText(lines[i], style.Size, new PdfPoint(Margin + style.Indent, y), font);
            }

            y -= style.SpaceAfter;
        }

        public void Gap(double points) => y -= points;

        public void NewPage() => page = AddPage();

        public void AddFooters(string partnership, string url)
        {
            var footer = PdfText.ToDrawable(partnership) + " | " + PdfText.ToDrawable(url);
            var width = TextWidth - 70;
            var line = Wrap(footer, FooterSize, regular, width)[0];
            for (var i = 0; i < pages.Count; i++)
            {
                pages[i].AddText(line, FooterSize, new PdfPoint(Margin, Margin - 20), regular);
                var number = string.Create(CultureInfo.InvariantCulture, $"Page {i + 1} of {pages.Count}");
                var numberWidth = Measure(number, FooterSize, regular);
                pages[i].AddText(number, FooterSize, new PdfPoint(pages[i].PageSize.Width - Margin - numberWidth, Margin - 20), regular);
            }
        }

        private PdfPageBuilder AddPage()
        {
            var added = builder.AddPage(PageSize.A4);
            pages.Add(added);
            y = added.PageSize.Height - Margin;
            return added;
        }

        private List<string> Wrap(string text, double size, PdfDocumentBuilder.AddedFont font, double width)
        {
            var lines = new List<string>();
            var current = string.Empty;
            foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = current.Length == 0 ? word : current + " " + word;
                if (Measure(candidate, size, font) <= width)
                {
                    current = candidate;
                    continue;
                }

                if (current.Length > 0)
                {
                    lines.Add(current);
                }

                current = word;
                // A word longer than the line (a long web address) is broken wherever it has to be.
                while (Measure(current, size, font) > width)
                {
                    var fits = current.Length - 1;
                    while (fits > 1 && Measure(current[..fits], size, font) > width)
                    {
                        fits--;
                    }

                    lines.Add(current[..fits]);
                    current = current[fits..];
                }
            }

            if (current.Length > 0 || lines.Count == 0)
            {
                lines.Add(current);
            }

            return lines;
        }

        private double Measure(string text, double size, PdfDocumentBuilder.AddedFont font)
        {
            if (text.Length == 0)
            {
                return 0;
            }

            var letters = page.MeasureText(text, size, new PdfPoint(0, 0), font);
            return letters.Count == 0 ? 0 : letters[^1].EndBaseLine.X - letters[0].StartBaseLine.X;
        }
    }
}
