using SafeguardingSite.Content.Published;

namespace SafeguardingSite.Content.DeliveryApi;

/// <summary>One page of a query: the items on it and how many matched in all.</summary>
internal sealed record SelectionPage<T>(int Total, IReadOnlyList<T> Items);

/// <summary>Applies fetch, filter, sort, skip and take to the snapshot's trees. Reads memory only.</summary>
internal static class DeliverySelector
{
    public static SelectionPage<PublishedContent> SelectContent(PublishedSnapshot snapshot, PublishedContent? startItem, DeliveryQuery query)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(query);
        IEnumerable<PublishedContent> source;
        if (query.Fetch is { } fetch)
        {
            var target = FindContent(snapshot, startItem, fetch.Target);
            source = target is null ? [] : fetch.Axis switch
            {
                FetchAxis.Ancestors => target.Ancestors(),
                FetchAxis.Children => target.Children,
                _ => target.Descendants(),
            };
        }
        else
        {
            source = snapshot.All;
        }

        if (startItem is not null)
        {
            source = source.Where(c => c.Root == startItem);
        }

        var matches = source.Where(c => query.Filters.All(f => Matches(c, f)));
        return Page(Sort(matches, query.Sorts, ContentKey), query);
    }

    public static SelectionPage<PublishedMedia> SelectMedia(PublishedSnapshot snapshot, DeliveryQuery query)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(query);
        var target = query.Fetch!.Target;
        IEnumerable<PublishedMedia> source = target.Path is { } path && ContentRoutes.Normalize(path) == "/"
            ? snapshot.MediaRoots
            : FindMedia(snapshot, target)?.Children ?? [];
        var matches = source.Where(m => query.Filters.All(f => Matches(m, f)));
        return Page(Sort(matches, query.Sorts, MediaKey), query);
    }

    /// <summary>
    /// A page by id, or by path. A path is read relative to the start item when one is given, so a front end for a second
    /// root can ask for /about/ rather than /second-root/about/.
    /// </summary>
    public static PublishedContent? FindContent(PublishedSnapshot snapshot, PublishedContent? startItem, ItemReference reference)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(reference);
        var found = reference.Key is { } key
            ? snapshot.Find(key)
            : startItem is not null && startItem.Url != "/"
                ? snapshot.FindByRoute(startItem.Url + ContentRoutes.Normalize(reference.Path!).TrimStart('/')) ?? snapshot.FindByRoute(reference.Path!)
                : snapshot.FindByRoute(reference.Path!);
        return startItem is null || found?.Root == startItem ? found : null;
    }

    /// <summary>A media item by id, or by its folder path; names in the path are turned into segments as on upload.</summary>
    public static PublishedMedia? FindMedia(PublishedSnapshot snapshot, ItemReference reference)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(reference);
        if (reference.Key is { } key)
        {
            return snapshot.FindMedia(key);
        }

        var segments = reference.Path!.Split('/', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return segments.Length == 0 ? null : snapshot.FindMediaByPath("/" + string.Join('/', segments.Select(ContentRoutes.ToSegment)) + "/");
    }

    /// <summary>The root a Start-Item header names, by id, by its URL segment or by its path.</summary>
    public static PublishedContent? FindRoot(PublishedSnapshot snapshot, string value)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var trimmed = (value ?? string.Empty).Trim();
        if (Guid.TryParse(trimmed, out var key))
        {
            return snapshot.Roots.FirstOrDefault(r => r.Key == key);
        }

        var path = ContentRoutes.Normalize(trimmed);
        return snapshot.Roots.FirstOrDefault(r => ContentRoutes.Normalize(r.UrlSegment) == path)
            ?? snapshot.Roots.FirstOrDefault(r => r.Url != "/" && r.Url == path);
    }

    private static bool Matches(PublishedContent content, FilterSpec filter) => filter.Field switch
    {
        FilterField.ContentType => Is(filter, string.Equals(content.ContentTypeAlias, filter.Value, StringComparison.OrdinalIgnoreCase)),
        FilterField.Name => Is(filter, NameMatcher.Matches(content.Name, filter.Terms)),
        FilterField.CreateDate => Compare(content.CreateDate, filter),
        FilterField.UpdateDate => Compare(content.UpdateDate, filter),
        _ => false,
    };

    private static bool Matches(PublishedMedia media, FilterSpec filter) => filter.Field switch
    {
        FilterField.MediaType => Is(filter, string.Equals(media.MediaTypeAlias, filter.Value, StringComparison.OrdinalIgnoreCase)),
        FilterField.Name => Is(filter, NameMatcher.Matches(media.Name, filter.Terms)),
        _ => false,
    };

    private static bool Is(FilterSpec filter, bool matched) => filter.Operator == FilterOperator.IsNot ? !matched : matched;

    private static bool Compare(DateTime value, FilterSpec filter)
    {
        var bound = filter.Date!.Value;
        var utc = DateTime.SpecifyKind(value, DateTimeKind.Utc);
        return filter.Operator switch
        {
            FilterOperator.After => utc > bound,
            FilterOperator.AfterOrOn => utc >= bound,
            FilterOperator.Before => utc < bound,
            _ => utc <= bound,
        };
    }

    private static IComparable ContentKey(PublishedContent content, SortField field) => field switch
    {
        SortField.Name => content.Name,
        SortField.CreateDate => content.CreateDate,
        SortField.UpdateDate => content.UpdateDate,
        SortField.SortOrder => content.SortOrder,
        _ => content.Level,
    };

    private static IComparable MediaKey(PublishedMedia media, SortField field) => field switch
    {
        SortField.Name => media.Name,
        SortField.CreateDate => media.CreateDate,
        SortField.UpdateDate => media.UpdateDate,
        _ => media.SortOrder,
    };

    /// <summary>Sorts are applied in the order given; with none, items keep tree order (parents before children, by sort order).</summary>
    private static IEnumerable<T> Sort<T>(IEnumerable<T> items, IReadOnlyList<SortSpec> sorts, Func<T, SortField, IComparable> key)
    {
        if (sorts.Count == 0)
        {
            return items;
        }

        var comparer = Comparer<IComparable>.Create((a, b) => a is string x && b is string y
            ? StringComparer.OrdinalIgnoreCase.Compare(x, y)
            : a.CompareTo(b));
        var ordered = sorts[0].Descending
            ? items.OrderByDescending(i => key(i, sorts[0].Field), comparer)
            : items.OrderBy(i => key(i, sorts[0].Field), comparer);
        foreach (var sort in sorts.Skip(1))
        {
            var field = sort.Field;
            ordered = sort.Descending ? ordered.ThenByDescending(i => key(i, field), comparer) : ordered.ThenBy(i => key(i, field), comparer);
        }

        return ordered;
    }

    private static SelectionPage<T> Page<T>(IEnumerable<T> items, DeliveryQuery query)
    {
        var all = items as IReadOnlyList<T> ?? items.ToList();
        return new SelectionPage<T>(all.Count, all.Skip(query.Skip).Take(query.Take).ToList());
    }
}
