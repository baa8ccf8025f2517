using System.Text.Json;
using System.Text.Json.Nodes;
using AngleSharp.Html.Parser;
using DiffPlex.Chunkers;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;
using SafeguardingSite.Content.Model;
using SafeguardingSite.Content.PropertyEditors;

namespace SafeguardingSite.BackOffice.History;

public enum DiffKind
{
    Same,
    Removed,
    Added,
}

public sealed record DiffPiece(string Text, DiffKind Kind);

/// <summary>One property of two versions side by side: the left shows what was removed, the right what was added.</summary>
public sealed record PropertyDiff(string Alias, string Name, bool Changed, IReadOnlyList<DiffPiece> Before, IReadOnlyList<DiffPiece> After);

/// <summary>A version as the diff needs it: its name and its property values.</summary>
public sealed record VersionValues(string Name, JsonObject Values);

/// <summary>
/// Compares two versions property by property. Every value is turned into the text an editor recognises (rich text
/// without its markup, blocks as their text, links as their names and addresses) and compared word by word.
/// </summary>
public static class VersionDiff
{
    public const string NameAlias = "name";

    public static IReadOnlyList<PropertyDiff> Compare(ContentSchema schema, string documentTypeAlias, VersionValues before, VersionValues after)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var result = new List<PropertyDiff> { Diff(NameAlias, "Name", before.Name, after.Name) };
        foreach (var property in schema.PropertiesOf(documentTypeAlias))
        {
            var editor = schema.FindDataType(property.DataType)?.EditorAlias;
            var left = Describe(schema, editor, ValueOf(before.Values, property.Alias));
            var right = Describe(schema, editor, ValueOf(after.Values, property.Alias));
            if (left.Length > 0 || right.Length > 0)
            {
                result.Add(Diff(property.Alias, property.Name, left, right));
            }
        }

        return result;
    }

    /// <summary>A word-level diff of two texts; whitespace and punctuation are pieces of their own so they line up.</summary>
    public static PropertyDiff Diff(string alias, string name, string before, string after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        if (before == after)
        {
            IReadOnlyList<DiffPiece> same = before.Length == 0 ? [] : [new DiffPiece(before, DiffKind.Same)];
            return new PropertyDiff(alias, name, false, same, same);
        }

        var model = InlineDiffBuilder.Instance.BuildDiffModel(before, after, ignoreWhitespace: false, ignoreCase: false, WordChunker.Instance);
        var left = new List<DiffPiece>();
        var right = new List<DiffPiece>();
        foreach (var piece in model.Lines)
        {
            switch (piece.Type)
            {
                case ChangeType.Deleted:
                    Append(left, piece.Text, DiffKind.Removed);
                    break;
                case ChangeType.Inserted:
                    Append(right, piece.Text, DiffKind.Added);
                    break;
                default:
                    Append(left, piece.Text, DiffKind.Same);
                    Append(right, piece.Text, DiffKind.Same);
                    break;
            }
        }

        return new PropertyDiff(alias, name, true, Coalesce(left), Coalesce(right));
    }

    /// <summary>
    /// A space that both versions happen to share between two changed words is shown as part of the change, so
    /// "to sleep" reads as one removed phrase rather than two removed words.
    /// </summary>
    private static List<DiffPiece> Coalesce(List<DiffPiece> pieces)
    {
        var result = new List<DiffPiece>();
        for (var i = 0; i < pieces.Count; i++)
        {
            var piece = pieces[i];
            if (piece.Kind == DiffKind.Same && string.IsNullOrWhiteSpace(piece.Text) && result.Count > 0 && i + 1 < pieces.Count
                && result[^1].Kind != DiffKind.Same && pieces[i + 1].Kind == result[^1].Kind)
            {
                result[^1] = result[^1] with { Text = result[^1].Text + piece.Text + pieces[i + 1].Text };
                i++;
            }
            else if (result.Count > 0 && result[^1].Kind == piece.Kind)
            {
                result[^1] = result[^1] with { Text = result[^1].Text + piece.Text };
            }
            else
            {
                result.Add(piece);
            }
        }

        return result;
    }

    /// <summary>Joins neighbouring pieces of the same kind, so the page marks "whole phrase removed" rather than each word.</summary>
    private static void Append(List<DiffPiece> pieces, string? text, DiffKind kind)
    {
        if (string.IsNullOrEmpty(text))
        {
            return;
        }

        if (pieces.Count > 0 && pieces[^1].Kind == kind)
        {
            pieces[^1] = pieces[^1] with { Text = pieces[^1].Text + text };
        }
        else
        {
            pieces.Add(new DiffPiece(text, kind));
        }
    }

    private static string Describe(ContentSchema schema, string? editor, JsonNode? value)
    {
        if (value is null)
        {
            return string.Empty;
        }

        return editor switch
        {
            EditorAliases.RichText when value.GetValueKind() == JsonValueKind.String => PlainText(value.GetValue<string>()),
            EditorAliases.BlockList when value is JsonObject blocks => DescribeBlocks(schema, blocks),
            EditorAliases.MultiUrlPicker when value is JsonArray links => string.Join("\n", links.OfType<JsonObject>().Select(DescribeLink)),
            EditorAliases.MediaPicker when value is JsonArray picks => string.Join("\n", picks.Select(p => "Media " + (p is JsonObject o ? o["mediaKey"] : p))),
            _ when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
            EditorAliases.Tags when value is JsonArray tags => string.Join(", ", tags.Select(t => t?.ToString())),
            _ => value.ToJsonString(),
        };
    }

    private static string DescribeLink(JsonObject link)
    {
        var target = link["url"]?.ToString() ?? (link["contentKey"] is { } page ? "page " + page : "media " + link["mediaKey"]);
        return $"{link["name"]} ({target})";
    }

    private static string DescribeBlocks(ContentSchema schema, JsonObject blocks)
    {
        if (blocks["contentData"] is not JsonArray contentData)
        {
            return string.Empty;
        }

        var lines = new List<string>();
        var index = 0;
        foreach (var block in contentData.OfType<JsonObject>())
        {
            index++;
            var typeAlias = block["contentTypeAlias"]?.ToString() ?? string.Empty;
            var type = schema.FindDocumentType(typeAlias);
            lines.Add($"Block {index}: {type?.Name ?? typeAlias}");
            foreach (var entry in (block["values"] as JsonArray ?? []).OfType<JsonObject>())
            {
                var alias = entry["alias"]?.ToString() ?? string.Empty;
                var property = type is null ? null : schema.FindProperty(type.Alias, alias);
                var editor = property is null ? null : schema.FindDataType(property.DataType)?.EditorAlias;
                var text = Describe(schema, editor, entry["value"]);
                if (text.Length > 0)
                {
                    lines.Add($"  {property?.Name ?? alias}: {text}");
                }
            }
        }

        return string.Join("\n", lines);
    }

    /// <summary>Rich text as its words, one line per paragraph, heading or list item.</summary>
    public static string PlainText(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        var body = new HtmlParser().ParseDocument("<!DOCTYPE html><html><body>" + html + "</body></html>").Body!;
        foreach (var lineBreak in body.QuerySelectorAll("br").ToList())
        {
            lineBreak.Replace(body.Owner!.CreateTextNode("\n"));
        }

        foreach (var block in body.QuerySelectorAll("p, h1, h2, h3, h4, h5, h6, li, tr, blockquote, div").ToList())
        {
            block.Append(body.Owner!.CreateTextNode("\n"));
        }

        var lines = body.TextContent.Split('\n').Select(l => string.Join(' ', l.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)));
        return string.Join("\n", lines.Where(l => l.Length > 0));
    }

    private static JsonNode? ValueOf(JsonObject values, string alias) =>
        values.FirstOrDefault(v => string.Equals(v.Key, alias, StringComparison.OrdinalIgnoreCase)).Value;
}
