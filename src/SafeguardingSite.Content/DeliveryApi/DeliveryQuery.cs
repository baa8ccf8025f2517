namespace SafeguardingSite.Content.DeliveryApi;

internal enum DeliveryTree
{
    Content,
    Media,
}

internal enum FetchAxis
{
    Ancestors,
    Children,
    Descendants,
}

/// <summary>Where a query starts: the item given by key or by path, and which relatives of it to return.</summary>
internal sealed record FetchSpec(FetchAxis Axis, ItemReference Target);

/// <summary>An id (GUID) or a path, as the item endpoints and <c>fetch</c> accept.</summary>
internal sealed record ItemReference(Guid? Key, string? Path)
{
    public override string ToString() => Key?.ToString() ?? Path ?? string.Empty;
}

internal enum FilterField
{
    ContentType,
    MediaType,
    Name,
    CreateDate,
    UpdateDate,
}

internal enum FilterOperator
{
    Is,
    IsNot,
    After,
    AfterOrOn,
    Before,
    BeforeOrOn,
}

/// <summary>One <c>filter</c> parameter. <see cref="Terms"/> holds the words of a name filter, <see cref="Date"/> a date filter's bound.</summary>
internal sealed record FilterSpec(FilterField Field, FilterOperator Operator, string Value, IReadOnlyList<string> Terms, DateTime? Date);

internal enum SortField
{
    Name,
    CreateDate,
    UpdateDate,
    SortOrder,
    Level,
}

internal sealed record SortSpec(SortField Field, bool Descending);

/// <summary>What <c>expand</c> and <c>fields</c> ask for; <see cref="Fields"/> is null when every property is wanted.</summary>
internal sealed record OutputShape(PropertySelection Expand, PropertySelection? Fields)
{
    public static OutputShape Default { get; } = new(PropertySelection.None, null);
}

internal sealed record DeliveryQuery(
    FetchSpec? Fetch,
    IReadOnlyList<FilterSpec> Filters,
    IReadOnlyList<SortSpec> Sorts,
    int Skip,
    int Take,
    OutputShape Shape);

/// <summary>Problems found in a request, keyed by the parameter or header at fault, for a ValidationProblem body.</summary>
internal sealed class QueryErrors
{
    private readonly Dictionary<string, List<string>> errors = new(StringComparer.Ordinal);

    public bool Any => errors.Count > 0;

    public void Add(string parameter, string message)
    {
        if (!errors.TryGetValue(parameter, out var list))
        {
            errors[parameter] = list = [];
        }

        list.Add(message);
    }

    public Dictionary<string, string[]> ToDictionary() => errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);

    public override string ToString() => string.Join(" ", errors.SelectMany(e => e.Value));
}

internal static partial class DeliveryText
{
    /// <summary>
    /// User input quoted back in an error message: shortened, with markup, quotes and control characters replaced, so a
    /// problem body never carries a script even to a client that renders it unescaped.
    /// </summary>
    public static string Excerpt(string value, int length = 60)
    {
        ArgumentNullException.ThrowIfNull(value);
        var shortened = value.Length > length ? value[..length] + "…" : value;
        return Unsafe().Replace(shortened, "?");
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"[<>""'`\p{Cc}]")]
    private static partial System.Text.RegularExpressions.Regex Unsafe();
}
