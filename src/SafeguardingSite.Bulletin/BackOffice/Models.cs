using System.Globalization;
using Microsoft.AspNetCore.WebUtilities;
using SafeguardingSite.Bulletin.Model;
using SafeguardingSite.Bulletin.Reports;
using SafeguardingSite.Bulletin.Subscribers;

namespace SafeguardingSite.Bulletin.BackOffice;

/// <summary>The subscriber list's query string, kept as typed so links and the form can show it back.</summary>
public sealed class SubscriberFilter
{
    public string? Q { get; set; }
    public string? Area { get; set; }
    public string? Topic { get; set; }
    public string? Status { get; set; }
    public string? Sort { get; set; }
    public string? Dir { get; set; }
    public string? Page { get; set; }

    /// <summary>The query, or null when any part is not an allowed value (see <see cref="Errors"/>).</summary>
    public SubscriberQuery? ToQuery(IReadOnlyList<BulletinChoice> choices) => Errors(choices).Count > 0 ? null : new SubscriberQuery(
        string.IsNullOrWhiteSpace(Q) ? null : Q.Trim(), Id(Area), Id(Topic),
        string.IsNullOrEmpty(Status) ? null : Enum.Parse<SubscriberStatus>(Status, ignoreCase: true),
        string.IsNullOrEmpty(Sort) ? SubscriberSort.Created : Enum.Parse<SubscriberSort>(Sort, ignoreCase: true),
        Dir is null ? string.IsNullOrEmpty(Sort) : Dir == "desc",
        string.IsNullOrEmpty(Page) ? 1 : int.Parse(Page, CultureInfo.InvariantCulture));

    public Dictionary<string, string[]> Errors(IReadOnlyList<BulletinChoice> choices)
    {
        ArgumentNullException.ThrowIfNull(choices);
        var errors = new Dictionary<string, string[]>();
        if (Q?.Length > SubscriberDirectory.MaxSearchLength)
        {
            errors["q"] = [$"Search for at most {SubscriberDirectory.MaxSearchLength} characters."];
        }

        if (!string.IsNullOrEmpty(Area) && (Id(Area) is not { } area || choices.All(c => c.Kind != ChoiceKind.ServiceArea || c.Id != area)))
        {
            errors["area"] = ["Choose a service area from the list."];
        }

        if (!string.IsNullOrEmpty(Topic) && (Id(Topic) is not { } topic || choices.All(c => c.Kind != ChoiceKind.Topic || c.Id != topic)))
        {
            errors["topic"] = ["Choose a topic from the list."];
        }

        if (!string.IsNullOrEmpty(Status) && !IsName<SubscriberStatus>(Status))
        {
            errors["status"] = ["Status must be one of: " + string.Join(", ", Enum.GetNames<SubscriberStatus>()) + "."];
        }

        if (!string.IsNullOrEmpty(Sort) && !IsName<SubscriberSort>(Sort))
        {
            errors["sort"] = ["Sort by one of: " + string.Join(", ", Enum.GetNames<SubscriberSort>()) + "."];
        }

        if (Dir is not (null or "asc" or "desc"))
        {
            errors["dir"] = ["Direction is asc or desc."];
        }

        if (!string.IsNullOrEmpty(Page) && (!int.TryParse(Page, NumberStyles.None, CultureInfo.InvariantCulture, out var page) || page < 1))
        {
            errors["page"] = ["Page must be a whole number from 1."];
        }

        return errors;
    }

    /// <summary>This filter's query string with some parts changed, for sort headers and page links.</summary>
    public string Link(string path, string? sort = null, string? dir = null, int? page = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["q"] = Q, ["area"] = Area, ["topic"] = Topic, ["status"] = Status, ["sort"] = sort ?? Sort, ["dir"] = dir ?? Dir,
            ["page"] = page?.ToString(CultureInfo.InvariantCulture),
        };
        return QueryHelpers.AddQueryString(path, values.Where(v => !string.IsNullOrEmpty(v.Value)));
    }

    public string Describe() => Link(string.Empty);

    private static int? Id(string? value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    private static bool IsName<T>(string value)
        where T : struct, Enum => Enum.GetNames<T>().Contains(value, StringComparer.OrdinalIgnoreCase);
}

public sealed record SubscriberListView(SubscriberFilter Filter, SubscriberPage Page, IReadOnlyList<BulletinChoice> Choices)
{
    public IEnumerable<BulletinChoice> ServiceAreas => Choices.Where(c => c.Kind == ChoiceKind.ServiceArea);
    public IEnumerable<BulletinChoice> Topics => Choices.Where(c => c.Kind == ChoiceKind.Topic);

    public string? AreaName(int? id) => Choices.FirstOrDefault(c => c.Id == id)?.Name;

    /// <summary>aria-sort for a column header: only the sorted column has one.</summary>
    public string? AriaSort(SubscriberSort column)
    {
        var sort = string.IsNullOrEmpty(Filter.Sort) ? SubscriberSort.Created : Enum.Parse<SubscriberSort>(Filter.Sort, ignoreCase: true);
        var descending = Filter.Dir is null ? string.IsNullOrEmpty(Filter.Sort) : Filter.Dir == "desc";
        return sort != column ? null : descending ? "descending" : "ascending";
    }

    public string SortLink(SubscriberSort column) =>
        Filter.Link(BulletinScreens.Subscribers, column.ToString().ToLowerInvariant(), AriaSort(column) == "ascending" ? "desc" : "asc", 1);
}

public sealed record SubscriberDetailsView(SubscriberRecord Record, IReadOnlyList<BulletinChoice> Choices)
{
    public string? Name(int? id) => Choices.FirstOrDefault(c => c.Id == id)?.Name;
}

/// <summary>The import screen: a plan to show (with the checked file, to import it) or the result of importing.</summary>
public sealed record ImportView(ImportPlan? Plan, string? CheckedContent, int? Added);

public sealed record SuppressionListView(SuppressionPage Page, SuppressionReason? Reason, string? Search, SuppressionForm Form);

public sealed class SuppressionForm
{
    public string? Email { get; set; }
    public string? Reason { get; set; }
    public string? Detail { get; set; }
}

public sealed record ReportsView(IReadOnlyList<ReportTable> Tables);

/// <summary>Addresses of the bulletin's administration screens.</summary>
public static class BulletinScreens
{
    public const string Subscribers = "/umbraco/bulletin/subscribers";
    public const string Suppression = "/umbraco/bulletin/suppression";
    public const string Reports = "/umbraco/bulletin/reports";
}
