using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using SafeguardingSite.Content.Model;
using SafeguardingSite.Content.PropertyEditors;

namespace SafeguardingSite.BackOffice.Checks;

/// <summary>One thing to look at before publishing, on the field (top-level property alias) where it can be fixed.</summary>
public sealed record PublishWarning(string Field, string FieldName, string Message);

/// <summary>What the checks need to know about a picked media item.</summary>
public sealed record MediaFacts(string Name, bool IsImage, string? AltText);

/// <summary>The draft being checked and the facts about it that come from elsewhere in the tree and the media library.</summary>
public sealed record CheckedPage(
    ContentSchema Schema,
    string DocumentTypeAlias,
    JsonObject Values,
    IReadOnlyDictionary<Guid, MediaFacts> Media,
    bool InYoungPeopleSection);

public sealed class PublishCheckOptions
{
    public const string SectionName = "Publishing";

    /// <summary>Pages for children and young people should read at this age or younger.</summary>
    public int ReadingAgeTarget { get; set; } = 11;

    /// <summary>Below this many words a reading age says little, so shorter fields are not measured.</summary>
    public int ReadingAgeMinimumWords { get; set; } = 30;

    /// <summary>The <c>audience</c> value of the section whose pages get the reading-age check.</summary>
    public string YoungPeopleAudience { get; set; } = "young-people";
}

/// <summary>
/// Accessibility and readability checks on a draft: missing alt text, empty or vague link text, skipped heading levels
/// in rich text and, for the young people's section, a reading age. Pure: everything it needs comes in
/// <see cref="CheckedPage"/>. The results are warnings; publishing is never blocked by them.
/// </summary>
public static class PublishChecks
{
    private static readonly HashSet<string> VagueLinkText = new(StringComparer.OrdinalIgnoreCase)
    {
        "click here", "click", "here", "read more", "more", "link", "this link", "more info", "more information",
        "find out more", "learn more", "see more", "this page", "go", "details", "info", "continue", "download",
    };

    private static readonly string[] TextBlockSelectors = ["p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "td", "th", "dt", "dd", "caption", "figcaption", "blockquote"];

    public static IReadOnlyList<PublishWarning> Run(CheckedPage page, PublishCheckOptions options)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(options);
        var warnings = new List<PublishWarning>();
        foreach (var property in page.Schema.PropertiesOf(page.DocumentTypeAlias))
        {
            if (ValueOf(page.Values, property.Alias) is not { } value || page.Schema.FindDataType(property.DataType) is not { } dataType)
            {
                continue;
            }

            var field = new FieldScope(property.Alias, property.Name, page, warnings);
            Inspect(field, location: null, dataType, value);
            if (page.InYoungPeopleSection)
            {
                var measure = ReadingAge.Measure(field.Text.ToString());
                if (measure.Words >= options.ReadingAgeMinimumWords && measure.ReadingAge > options.ReadingAgeTarget)
                {
                    field.Warn(null, $"Reads at about age {measure.ReadingAge}; pages for young people should read at age {options.ReadingAgeTarget} or under. " +
                        "Shorter sentences and everyday words bring it down.");
                }
            }
        }

        return warnings;
    }

    private static void Inspect(FieldScope field, string? location, DataType dataType, JsonNode value)
    {
        switch (dataType.EditorAlias)
        {
            case EditorAliases.RichText when value.GetValueKind() == JsonValueKind.String:
                InspectRichText(field, location, value.GetValue<string>());
                break;
            case EditorAliases.TextArea when value.GetValueKind() == JsonValueKind.String:
                foreach (var line in value.GetValue<string>().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    field.AddSentence(line);
                }

                break;
            case EditorAliases.MediaPicker:
                InspectMediaPicks(field, location, value);
                break;
            case EditorAliases.MultiUrlPicker when value is JsonArray links:
                InspectLinks(field, location, links);
                break;
            case EditorAliases.BlockList when value is JsonObject { } blocks && blocks["contentData"] is JsonArray contentData:
                InspectBlocks(field, location, contentData);
                break;
        }
    }

    private static void InspectRichText(FieldScope field, string? location, string html)
    {
        var body = new HtmlParser().ParseDocument("<!DOCTYPE html><html><body>" + html + "</body></html>").Body!;
        foreach (var image in body.QuerySelectorAll("img"))
        {
            if (string.IsNullOrWhiteSpace(image.GetAttribute("alt")))
            {
                field.Warn(location, $"An image in the text ({FileName(image.GetAttribute("src"))}) has no alt text. Describe what it shows, " +
                    "or leave it only if it is purely decorative.");
            }
        }

        foreach (var link in body.QuerySelectorAll("a"))
        {
            var text = AccessibleText(link);
            CheckLinkText(field, location, text, link.GetAttribute("href"));
        }

        var previous = 1; // the page's name is its h1
        foreach (var heading in body.QuerySelectorAll("h1, h2, h3, h4, h5, h6"))
        {
            var level = heading.LocalName[1] - '0';
            if (level > previous + 1)
            {
                field.Warn(location, $"The heading \"{Clip(Collapse(heading.TextContent))}\" is level {level} but follows level {previous}: " +
                    $"make it level {previous + 1} so screen reader users do not think a section is missing.");
            }

            previous = level;
        }

        var leaves = body.QuerySelectorAll(string.Join(',', TextBlockSelectors))
            .Where(e => e.QuerySelectorAll(string.Join(',', TextBlockSelectors)).Length == 0)
            .ToList();
        if (leaves.Count == 0)
        {
            field.AddSentence(body.TextContent);
        }

        foreach (var leaf in leaves)
        {
            field.AddSentence(leaf.TextContent);
        }
    }

    private static void InspectMediaPicks(FieldScope field, string? location, JsonNode value)
    {
        var picks = value is JsonArray array ? array.ToList() : [value];
        foreach (var pick in picks)
        {
            var text = pick is JsonObject o ? o["mediaKey"]?.ToString() : pick?.ToString();
            if (!Guid.TryParse(text, out var mediaKey))
            {
                continue;
            }

            if (!field.Page.Media.TryGetValue(mediaKey, out var media))
            {
                field.Warn(location, "A picked media item is no longer in the media library: pick another or remove it.");
            }
            else if (media.IsImage && string.IsNullOrWhiteSpace(media.AltText))
            {
                field.Warn(location, $"The image \"{Clip(media.Name)}\" has no alt text. Add it in the media library so people who cannot see it know what it shows.");
            }
        }
    }

    private static void InspectLinks(FieldScope field, string? location, JsonArray links)
    {
        foreach (var link in links.OfType<JsonObject>())
        {
            var name = link["name"]?.GetValueKind() == JsonValueKind.String ? link["name"]!.GetValue<string>().Trim() : string.Empty;
            var isAddressOnly = link["contentKey"] is null && link["mediaKey"] is null;

            // A picked page or file shows its own name when the link has none, which is fine; a typed address shows itself.
            if (name.Length > 0 || isAddressOnly)
            {
                CheckLinkText(field, location, name, link["url"]?.ToString());
            }
        }
    }

    private static void InspectBlocks(FieldScope field, string? location, JsonArray contentData)
    {
        var index = 0;
        foreach (var block in contentData.OfType<JsonObject>())
        {
            index++;
            var type = block["contentTypeAlias"]?.ToString() is { } alias ? field.Page.Schema.FindDocumentType(alias) : null;
            if (type is null || block["values"] is not JsonArray values)
            {
                continue;
            }

            foreach (var entry in values.OfType<JsonObject>())
            {
                var propertyAlias = entry["alias"]?.ToString();
                var property = propertyAlias is null ? null : field.Page.Schema.FindProperty(type.Alias, propertyAlias);
                if (property is null || entry["value"] is not { } value || field.Page.Schema.FindDataType(property.DataType) is not { } dataType)
                {
                    continue;
                }

                var where = $"{(location is null ? string.Empty : location + ", ")}block {index} ({type.Name}), {property.Name}";
                Inspect(field, where, dataType, value);
            }
        }
    }

    private static void CheckLinkText(FieldScope field, string? location, string text, string? href)
    {
        var normalised = Collapse(text).Trim('.', ',', ':', ';', '!', '?', '…', ' ', '>', '»', '→').ToLowerInvariant();
        if (normalised.Length == 0)
        {
            field.Warn(location, $"A link{(string.IsNullOrWhiteSpace(href) ? string.Empty : $" to {Clip(href)}")} has no text. Give it words that say where it goes.");
        }
        else if (VagueLinkText.Contains(normalised))
        {
            field.Warn(location, $"The link text \"{Clip(Collapse(text))}\" does not say where the link goes. " +
                "Use words that make sense on their own, such as the name of the page.");
        }
    }

    /// <summary>What a screen reader announces for a link: its text, else the alt text of an image in it, else its label.</summary>
    private static string AccessibleText(IElement link)
    {
        var text = Collapse(link.TextContent);
        if (text.Length > 0)
        {
            return text;
        }

        var imageAlt = string.Join(' ', link.QuerySelectorAll("img").Select(i => i.GetAttribute("alt") ?? string.Empty));
        return Collapse(imageAlt.Length > 0 ? imageAlt : link.GetAttribute("aria-label") ?? string.Empty);
    }

    private static JsonNode? ValueOf(JsonObject values, string alias) =>
        values.FirstOrDefault(v => string.Equals(v.Key, alias, StringComparison.OrdinalIgnoreCase)).Value;

    private static string Collapse(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static string Clip(string? text) => text is null ? string.Empty : text.Length <= 60 ? text : text[..59] + "…";

    private static string FileName(string? source) =>
        string.IsNullOrWhiteSpace(source) ? "no address" : Clip(source[(source.TrimEnd('/').LastIndexOf('/') + 1)..]);

    /// <summary>One top-level property being checked: where its warnings go and the text its reading age is measured on.</summary>
    private sealed class FieldScope(string alias, string name, CheckedPage page, List<PublishWarning> warnings)
    {
        public CheckedPage Page { get; } = page;
        public StringBuilder Text { get; } = new();

        public void Warn(string? location, string message) =>
            warnings.Add(new PublishWarning(alias, name, location is null ? message : $"In {location}: {message}"));

        /// <summary>Headings, list items and lines often end without a full stop but are still separate sentences.</summary>
        public void AddSentence(string text)
        {
            var collapsed = Collapse(text);
            if (collapsed.Length == 0)
            {
                return;
            }

            Text.Append(collapsed);
            if (!".!?".Contains(collapsed[^1], StringComparison.Ordinal))
            {
                Text.Append('.');
            }

            Text.Append(' ');
        }
    }
}
