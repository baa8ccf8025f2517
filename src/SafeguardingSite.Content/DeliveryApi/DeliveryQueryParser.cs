using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Primitives;

namespace SafeguardingSite.Content.DeliveryApi;

/// <summary>
/// Reads Umbraco's Delivery API query grammar (fetch, filter, sort, skip, take, expand, fields) into a
/// <see cref="DeliveryQuery"/>, collecting a message for every parameter that is malformed.
/// </summary>
internal static partial class DeliveryQueryParser
{
    public const int DefaultTake = 10;
    public const int MaxValueLength = 1024;
    public const int MaxRepeats = 20;
    public const int MaxIds = 100;
    private const int MaxSelectionDepth = 8;

    public static DeliveryQuery? ParseQuery(DeliveryTree tree, IReadOnlyDictionary<string, StringValues> query, int maxTake, QueryErrors errors)
    {
        ArgumentNullException.ThrowIfNull(query);
        var fetchValues = Values(query, "fetch", errors);
        FetchSpec? fetch = null;
        if (fetchValues.Count > 1)
        {
            errors.Add("fetch", "Only one fetch parameter is allowed.");
        }
        else if (fetchValues.Count == 1)
        {
            fetch = ParseFetch(tree, fetchValues[0], errors);
        }
        else if (tree == DeliveryTree.Media)
        {
            errors.Add("fetch", "The media query needs a fetch parameter, for example fetch=children:/.");
        }

        var filters = Values(query, "filter", errors).Select(f => ParseFilter(tree, f, errors)).OfType<FilterSpec>().ToList();
        var sorts = Values(query, "sort", errors).Select(s => ParseSort(tree, s, errors)).OfType<SortSpec>().ToList();
        var skip = ParseCount(query, "skip", 0, int.MaxValue, errors);
        var take = ParseCount(query, "take", DefaultTake, maxTake, errors);
        var shape = ParseShape(query, errors);
        return errors.Any ? null : new DeliveryQuery(fetch, filters, sorts, skip, take, shape);
    }

    /// <summary>The expand and fields parameters, which every endpoint accepts.</summary>
    public static OutputShape ParseShape(IReadOnlyDictionary<string, StringValues> query, QueryErrors errors)
    {
        ArgumentNullException.ThrowIfNull(query);
        var expand = Single(query, "expand", errors) is { } e ? ParseExpand(e, errors) : PropertySelection.None;
        var fields = Single(query, "fields", errors) is { } f ? ParseSelection(f, "fields", errors) : null;
        return new OutputShape(expand ?? PropertySelection.None, fields);
    }

    /// <summary>The repeated id parameter of the items endpoints; each must be a GUID.</summary>
    public static IReadOnlyList<Guid> ParseIds(IReadOnlyDictionary<string, StringValues> query, QueryErrors errors)
    {
        ArgumentNullException.ThrowIfNull(query);
        var raw = query.TryGetValue("id", out var values) ? values.Where(v => v is not null).Select(v => v!).ToList() : [];
        if (raw.Count > MaxIds)
        {
            errors.Add("id", $"At most {MaxIds} ids can be asked for at once (there are {raw.Count}).");
            return [];
        }

        var ids = new List<Guid>();
        foreach (var value in raw)
        {
            if (Guid.TryParse(value.Trim(), out var id))
            {
                ids.Add(id);
            }
            else
            {
                errors.Add("id", $"'{Excerpt(value)}' is not an id; ids are GUIDs such as 3fa85f64-5717-4562-b3fc-2c963f66afa6.");
            }
        }

        return ids;
    }

    /// <summary>An id or a path, from a route value or a fetch target; URL-encoded paths are decoded once.</summary>
    public static ItemReference? ParseReference(string raw, string parameter, QueryErrors errors)
    {
        ArgumentNullException.ThrowIfNull(raw);
        if (raw.Length > MaxValueLength)
        {
            errors.Add(parameter, $"The id or path is too long ({raw.Length:N0} characters; the limit is {MaxValueLength:N0}).");
            return null;
        }

        // Invalid escapes are left as they are and simply match no path.
        var decoded = Uri.UnescapeDataString(raw).Trim();

        if (Guid.TryParse(decoded, out var key))
        {
            return new ItemReference(key, null);
        }

        if (UnsafePathCharacter().IsMatch(decoded))
        {
            errors.Add(parameter, $"'{Excerpt(decoded)}' is neither an id nor a path: paths cannot contain markup, quotes or control characters.");
            return null;
        }

        return new ItemReference(null, decoded);
    }

    private static FetchSpec? ParseFetch(DeliveryTree tree, string value, QueryErrors errors)
    {
        var colon = value.IndexOf(':', StringComparison.Ordinal);
        var operatorName = colon < 0 ? value : value[..colon];
        FetchAxis? axis = operatorName.ToLowerInvariant() switch
        {
            "ancestors" => FetchAxis.Ancestors,
            "children" => FetchAxis.Children,
            "descendants" => FetchAxis.Descendants,
            _ => null,
        };
        if (axis is null)
        {
            errors.Add("fetch", $"Unknown fetch '{Excerpt(operatorName)}'; use ancestors:, children: or descendants: followed by an id or a path.");
            return null;
        }

        if (tree == DeliveryTree.Media && axis != FetchAxis.Children)
        {
            errors.Add("fetch", "The media query supports only fetch=children:{id or path}.");
            return null;
        }

        var target = colon < 0 ? string.Empty : value[(colon + 1)..].Trim();
        if (target.Length == 0)
        {
            errors.Add("fetch", $"fetch={operatorName}: needs an id or a path after the colon.");
            return null;
        }

        return ParseReference(target, "fetch", errors) is { } reference ? new FetchSpec(axis.Value, reference) : null;
    }

    private static FilterSpec? ParseFilter(DeliveryTree tree, string value, QueryErrors errors)
    {
        var match = FilterSyntax().Match(value);
        if (!match.Success)
        {
            errors.Add("filter", $"'{Excerpt(value)}' is not a filter; write it as field:value, for example {TypeFilterName(tree)}:alias or name:text.");
            return null;
        }

        var fieldName = match.Groups["field"].Value;
        var op = match.Groups["op"].Value;
        var operand = match.Groups["value"].Value.Trim();
        FilterField? field = fieldName.ToLowerInvariant() switch
        {
            "contenttype" when tree == DeliveryTree.Content => FilterField.ContentType,
            "mediatype" when tree == DeliveryTree.Media => FilterField.MediaType,
            "name" => FilterField.Name,
            "createdate" when tree == DeliveryTree.Content => FilterField.CreateDate,
            "updatedate" when tree == DeliveryTree.Content => FilterField.UpdateDate,
            _ => null,
        };
        if (field is null)
        {
            var known = tree == DeliveryTree.Content ? "contentType, name, createDate or updateDate" : "mediaType or name";
            errors.Add("filter", $"Unknown filter '{Excerpt(fieldName)}'; filter by {known}.");
            return null;
        }

        return field switch
        {
            FilterField.ContentType or FilterField.MediaType => ParseTypeFilter(field.Value, fieldName, op, operand, errors),
            FilterField.Name => ParseNameFilter(op, operand, errors),
            _ => ParseDateFilter(field.Value, fieldName, op, operand, errors),
        };
    }

    private static FilterSpec? ParseTypeFilter(FilterField field, string fieldName, string op, string operand, QueryErrors errors)
    {
        if (op != ":")
        {
            errors.Add("filter", $"{fieldName} filters take {fieldName}:alias or {fieldName}:!alias.");
            return null;
        }

        var negated = operand.StartsWith('!');
        var alias = negated ? operand[1..] : operand;
        if (!Alias().IsMatch(alias))
        {
            errors.Add("filter", $"'{Excerpt(alias)}' is not a type alias (letters, digits and underscores, starting with a letter).");
            return null;
        }

        return new FilterSpec(field, negated ? FilterOperator.IsNot : FilterOperator.Is, alias, [], null);
    }

    private static FilterSpec? ParseNameFilter(string op, string operand, QueryErrors errors)
    {
        if (op != ":")
        {
            errors.Add("filter", "Name filters take name:text or name:!text.");
            return null;
        }

        var negated = operand.StartsWith('!');
        var text = negated ? operand[1..] : operand;
        if (text.Length > 200)
        {
            errors.Add("filter", $"A name filter can be at most 200 characters (it is {text.Length:N0}).");
            return null;
        }

        if (UnsafeText().IsMatch(text))
        {
            errors.Add("filter", "A name filter cannot contain angle brackets or control characters.");
            return null;
        }

        var terms = NameMatcher.Terms(text);
        if (terms.Count == 0)
        {
            errors.Add("filter", "A name filter needs at least one letter or digit to search for.");
            return null;
        }

        return new FilterSpec(FilterField.Name, negated ? FilterOperator.IsNot : FilterOperator.Is, text, terms, null);
    }

    private static FilterSpec? ParseDateFilter(FilterField field, string fieldName, string op, string operand, QueryErrors errors)
    {
        FilterOperator? comparison = op switch
        {
            ">" => FilterOperator.After,
            ">:" => FilterOperator.AfterOrOn,
            "<" => FilterOperator.Before,
            "<:" => FilterOperator.BeforeOrOn,
            _ => null,
        };
        if (comparison is null)
        {
            errors.Add("filter", $"{fieldName} filters compare with >, >:, < or <:, for example {fieldName}>2026-01-01.");
            return null;
        }

        if (!DateTime.TryParse(operand, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var date))
        {
            errors.Add("filter", $"'{Excerpt(operand)}' is not a date; use ISO 8601, for example 2026-01-01 or 2026-01-01T09:30:00Z.");
            return null;
        }

        return new FilterSpec(field, comparison.Value, operand, [], date);
    }

    private static SortSpec? ParseSort(DeliveryTree tree, string value, QueryErrors errors)
    {
        var colon = value.IndexOf(':', StringComparison.Ordinal);
        var fieldName = colon < 0 ? value : value[..colon];
        var direction = colon < 0 ? string.Empty : value[(colon + 1)..].Trim().ToLowerInvariant();
        SortField? field = fieldName.Trim().ToLowerInvariant() switch
        {
            "name" => SortField.Name,
            "createdate" => SortField.CreateDate,
            "updatedate" => SortField.UpdateDate,
            "sortorder" => SortField.SortOrder,
            "level" when tree == DeliveryTree.Content => SortField.Level,
            _ => null,
        };
        if (field is null)
        {
            var known = tree == DeliveryTree.Content ? "name, createDate, updateDate, sortOrder or level" : "name, createDate, updateDate or sortOrder";
            errors.Add("sort", $"Unknown sort '{Excerpt(fieldName)}'; sort by {known}.");
            return null;
        }

        if (direction is not ("asc" or "desc"))
        {
            errors.Add("sort", $"sort={Excerpt(fieldName)} needs a direction: {fieldName}:asc or {fieldName}:desc.");
            return null;
        }

        return new SortSpec(field.Value, direction == "desc");
    }

    private static PropertySelection? ParseExpand(string value, QueryErrors errors)
    {
        // The v1 forms stay accepted, as Umbraco still accepts them.
        if (string.Equals(value, "all", StringComparison.OrdinalIgnoreCase))
        {
            return PropertySelection.Everything;
        }

        if (value.StartsWith("property:", StringComparison.OrdinalIgnoreCase))
        {
            var aliases = value["property:".Length..].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            if (aliases.Length == 0 || aliases.Any(a => !Alias().IsMatch(a)))
            {
                errors.Add("expand", "expand=property: needs one or more property aliases separated by commas.");
                return null;
            }

            return new PropertySelection(false, aliases.Distinct(StringComparer.OrdinalIgnoreCase).ToDictionary(a => a, _ => (PropertySelection?)null));
        }

        return ParseSelection(value, "expand", errors);
    }

    private static PropertySelection? ParseSelection(string value, string parameter, QueryErrors errors)
    {
        var reader = new SelectionReader(value);
        try
        {
            var selection = reader.ReadSelection(depth: 0);
            reader.ExpectEnd();
            return selection;
        }
        catch (FormatException ex)
        {
            errors.Add(parameter, $"{parameter} is not valid: {ex.Message} Write it as properties[alias1,alias2] or properties[$all].");
            return null;
        }
    }

    private static List<string> Values(IReadOnlyDictionary<string, StringValues> query, string name, QueryErrors errors)
    {
        if (!query.TryGetValue(name, out var values))
        {
            return [];
        }

        var list = values.Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v!.Trim()).ToList();
        if (list.Count > MaxRepeats)
        {
            errors.Add(name, $"At most {MaxRepeats} {name} parameters are allowed (there are {list.Count}).");
            return [];
        }

        var tooLong = list.FirstOrDefault(v => v.Length > MaxValueLength);
        if (tooLong is not null)
        {
            errors.Add(name, $"A {name} value can be at most {MaxValueLength:N0} characters (one is {tooLong.Length:N0}).");
            return [];
        }

        return list;
    }

    private static string? Single(IReadOnlyDictionary<string, StringValues> query, string name, QueryErrors errors)
    {
        var values = Values(query, name, errors);
        if (values.Count > 1)
        {
            errors.Add(name, $"Only one {name} parameter is allowed.");
            return null;
        }

        return values.Count == 1 ? values[0] : null;
    }

    private static int ParseCount(IReadOnlyDictionary<string, StringValues> query, string name, int fallback, int max, QueryErrors errors)
    {
        var value = Single(query, name, errors);
        if (value is null)
        {
            return fallback;
        }

        if (!int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number))
        {
            errors.Add(name, $"{name} must be a whole number (it is '{Excerpt(value)}').");
            return fallback;
        }

        if (number < 0 || number > max)
        {
            errors.Add(name, $"{name} must be between 0 and {max:N0} (it is {number:N0}).");
            return fallback;
        }

        return number;
    }

    private static string TypeFilterName(DeliveryTree tree) => tree == DeliveryTree.Content ? "contentType" : "mediaType";

    private static string Excerpt(string value) => DeliveryText.Excerpt(value);

    [GeneratedRegex(@"^(?<field>[A-Za-z]+)(?<op>:|>:|<:|>|<)(?<value>.*)$", RegexOptions.Singleline)]
    private static partial Regex FilterSyntax();

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9_]{0,99}$")]
    internal static partial Regex Alias();

    [GeneratedRegex(@"[<>\p{Cc}]")]
    private static partial Regex UnsafeText();

    [GeneratedRegex(@"[<>""'`\\{}|^\p{Cc}]")]
    private static partial Regex UnsafePathCharacter();

    /// <summary>A recursive-descent reader for properties[alias, alias[properties[...]], $all].</summary>
    private ref struct SelectionReader(string text)
    {
        private readonly string text = text;
        private int position;

        public PropertySelection ReadSelection(int depth)
        {
            if (depth > MaxSelectionDepth)
            {
                throw new FormatException($"it nests deeper than {MaxSelectionDepth} levels.");
            }

            Expect("properties");
            Expect("[");
            var all = false;
            PropertySelection? nestedForAll = null;
            var named = new Dictionary<string, PropertySelection?>(StringComparer.OrdinalIgnoreCase);
            if (!TryConsume("]"))
            {
                do
                {
                    var alias = ReadAlias();
                    PropertySelection? nested = null;
                    if (TryConsume("["))
                    {
                        nested = ReadSelection(depth + 1);
                        Expect("]");
                    }

                    if (alias == "$all")
                    {
                        all = true;
                        nestedForAll = nested;
                    }
                    else
                    {
                        named[alias] = nested;
                    }
                }
                while (TryConsume(","));

                Expect("]");
            }

            return new PropertySelection(all, named, nestedForAll);
        }

        public readonly void ExpectEnd()
        {
            if (position != text.Length)
            {
                throw new FormatException($"unexpected text at character {position + 1}.");
            }
        }

        private string ReadAlias()
        {
            SkipSpaces();
            var start = position;
            if (position < text.Length && text[position] == '$')
            {
                position++;
            }

            while (position < text.Length && (char.IsAsciiLetterOrDigit(text[position]) || text[position] == '_'))
            {
                position++;
            }

            var alias = text[start..position];
            if (alias == "$all" || Alias().IsMatch(alias))
            {
                return alias;
            }

            throw new FormatException($"expected a property alias or $all at character {start + 1}.");
        }

        private void Expect(string token)
        {
            if (!TryConsume(token))
            {
                throw new FormatException($"expected '{token}' at character {position + 1}.");
            }
        }

        private bool TryConsume(string token)
        {
            SkipSpaces();
            if (string.CompareOrdinal(text, position, token, 0, token.Length) == 0 && position + token.Length <= text.Length)
            {
                position += token.Length;
                return true;
            }

            return false;
        }

        private void SkipSpaces()
        {
            while (position < text.Length && text[position] == ' ')
            {
                position++;
            }
        }
    }
}
