using SafeguardingSite.Content.Published;

namespace SafeguardingSite.Web.Toolkit;

/// <summary>One section of a module, with the slug that gives it an anchor and its own address (?section=slug).</summary>
public sealed record ToolkitSection(string Heading, string Slug, string BodyHtml);

public static class ToolkitModules
{
    public const string ToolkitType = "neglectToolkit";
    public const string ModuleType = "toolkitModule";
    public const string AssessmentType = "neglectAssessment";

    /// <summary>The sections in the editor's order; two sections with the same heading get distinct slugs.</summary>
    public static IReadOnlyList<ToolkitSection> Sections(PublishedContent module)
    {
        ArgumentNullException.ThrowIfNull(module);
        var used = new HashSet<string>(StringComparer.Ordinal);
        var sections = new List<ToolkitSection>();
        foreach (var block in PropertyReader.Blocks(module.Properties, "sections").Where(b => b.ContentTypeAlias == "toolkitSection"))
        {
            var heading = PropertyReader.Text(block.Properties, "heading") ?? string.Empty;
            var slug = ContentRoutes.ToSegment(heading) is { Length: > 0 } segment ? segment : "section";
            var unique = slug;
            for (var n = 2; !used.Add(unique); n++)
            {
                unique = $"{slug}-{n}";
            }

            sections.Add(new ToolkitSection(heading, unique, PropertyReader.Text(block.Properties, "body") ?? string.Empty));
        }

        return sections;
    }

    public static IReadOnlyList<PublishedContent> ModulesOf(PublishedContent toolkit)
    {
        ArgumentNullException.ThrowIfNull(toolkit);
        return toolkit.Children.Where(c => c.ContentTypeAlias == ModuleType).ToList();
    }

    /// <summary>A module as PDF blocks: its title, summary, then each section's heading and text.</summary>
    public static IEnumerable<PdfBlock> PdfBlocks(PublishedContent module)
    {
        ArgumentNullException.ThrowIfNull(module);
        yield return new PdfBlock(PdfBlockKind.Title, module.Name);
        if (module.Text("summary") is { Length: > 0 } summary)
        {
            yield return new PdfBlock(PdfBlockKind.Paragraph, summary);
        }

        foreach (var block in RichTextBlocks.From(module.Text("body")))
        {
            yield return block;
        }

        foreach (var section in Sections(module))
        {
            yield return new PdfBlock(PdfBlockKind.Heading, section.Heading);
            foreach (var block in RichTextBlocks.From(section.BodyHtml))
            {
                yield return block;
            }
        }
    }
}
