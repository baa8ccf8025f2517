using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.Extensions.Options;
using SafeguardingSite.Analytics.Data;
using SafeguardingSite.Analytics.Time;
using SafeguardingSite.Platform.Contracts;

namespace SafeguardingSite.Analytics.Recording;

/// <summary>
/// Middleware that notes successful public page renders, media downloads and site searches after the response is
/// produced. It does no I/O: it classifies the request and hands a view to the buffer. Nothing is read from or written
/// to the browser: the only cookie it reads is the returning-visitor one, which exists only if the visitor asked for it.
/// </summary>
internal sealed class AnalyticsRecorder(RequestDelegate next, AnalyticsBuffer buffer, IOptions<AnalyticsOptions> options, TimeProvider clock)
{
    private const string PageController = "PublishedPage";
    private const string PageAction = "Render";
    private const string SearchAction = "Search";

    public async Task InvokeAsync(HttpContext context)
    {
        await next(context);
        if (Classify(context) is { } kind && !RequestClassifier.IsNotAVisitor(context)
            && (kind != AnalyticsEventKind.Search || context.Features.Get<SearchOutcome>() is not null))
        {
            buffer.Add(Build(context, kind));
        }
    }

    private static AnalyticsEventKind? Classify(HttpContext context)
    {
        var request = context.Request;
        if (!HttpMethods.IsGet(request.Method) || context.Response.StatusCode != StatusCodes.Status200OK)
        {
            return null;
        }

        if (request.Path.StartsWithSegments("/media", StringComparison.OrdinalIgnoreCase))
        {
            return AnalyticsEventKind.Download;
        }

        var endpoint = context.GetEndpoint();
        if (endpoint?.Metadata.GetMetadata<CountedPageViewAttribute>() is not null)
        {
            return AnalyticsEventKind.PageView;
        }

        var action = endpoint?.Metadata.GetMetadata<ControllerActionDescriptor>();
        if (action?.ControllerName != PageController)
        {
            return null;
        }

        return action.ActionName switch
        {
            PageAction => AnalyticsEventKind.PageView,
            SearchAction => AnalyticsEventKind.Search,
            _ => null,
        };
    }

    private RecordedView Build(HttpContext context, AnalyticsEventKind kind)
    {
        var request = context.Request;
        var settings = options.Value;
        var path = Truncate(request.Path.Value ?? "/", AnalyticsEvent.MaxPathLength)!;
        var section = kind == AnalyticsEventKind.PageView ? SectionOf(path) : null;
        var optedOut = ReturningVisitorCookie.BrowserOptsOut(request);
        var untracked = settings.UntrackedSections.Any(s => path.StartsWith(s, StringComparison.OrdinalIgnoreCase));
        var at = clock.GetUtcNow().UtcDateTime;
        var search = kind == AnalyticsEventKind.Search ? context.Features.Get<SearchOutcome>() : null;
        var query = request.Query;
        return new RecordedView(
            at,
            kind,
            path,
            section,
            ClientAddress(context, settings),
            request.Headers.UserAgent.ToString(),
            request.Host.Host,
            optedOut || untracked,
            ReferrerHost(request),
            Truncate(FirstOf(query, "utm_source", "ref", "source"), AnalyticsEvent.MaxLabelLength),
            Truncate(FirstOf(query, "utm_campaign", "campaign"), AnalyticsEvent.MaxLabelLength),
            RequestClassifier.DeviceOf(request.Headers.UserAgent),
            ReturningVisitorCookie.StatusOf(request, UkCalendar.DayOf(at), optedOut || untracked),
            Truncate(search?.Query.ToLowerInvariant(), AnalyticsEvent.MaxLabelLength),
            search?.Results);
    }

    /// <summary>The first path segment, e.g. /training/courses/ is in /training/; the home page is its own section.</summary>
    internal static string SectionOf(string path)
    {
        var end = path.IndexOf('/', 1);
        return end < 0 ? "/" : path[..(end + 1)];
    }

    internal static string? ClientAddress(HttpContext context, AnalyticsOptions settings)
    {
        if (settings.ClientIpSource == ClientIpSource.ForwardedHeader)
        {
            var entries = context.Request.Headers[settings.ClientIpHeader].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (entries.Length > 0 && IPAddress.TryParse(entries[^1], out var forwarded))
            {
                return forwarded.ToString();
            }
        }

        return context.Connection.RemoteIpAddress?.ToString();
    }

    /// <summary>Only the host of an external referrer is kept; the site's own pages are not referrers.</summary>
    private static string? ReferrerHost(HttpRequest request)
    {
        if (!Uri.TryCreate(request.Headers.Referer.ToString(), UriKind.Absolute, out var referrer)
            || referrer.Scheme is not ("http" or "https")
            || string.Equals(referrer.Host, request.Host.Host, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return Truncate(referrer.Host.ToLowerInvariant(), AnalyticsEvent.MaxLabelLength);
    }

    private static string? FirstOf(IQueryCollection query, params string[] names) =>
        names.Select(n => query[n].ToString().Trim()).FirstOrDefault(v => v.Length > 0)?.ToLowerInvariant();

    internal static string? Truncate(string? value, int length) => value is null || value.Length <= length ? value : value[..length];
}

/// <summary>What a site search found, set by the search page so the recorder can count searches that found nothing.</summary>
public sealed record SearchOutcome(string Query, int Results)
{
    public static void Note(HttpContext context, string query, int results)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Features.Set(new SearchOutcome(query, results));
    }
}
