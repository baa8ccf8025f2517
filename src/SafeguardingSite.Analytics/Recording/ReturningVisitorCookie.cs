using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SafeguardingSite.Analytics.Data;
using SafeguardingSite.Analytics.Time;

namespace SafeguardingSite.Analytics.Recording;

/// <summary>What the footer control offers a visitor about the returning-visitor cookie.</summary>
public enum ReturningCookieOffer
{
    /// <summary>Analytics is off, or this page is never tied to a visitor (the young people's section).</summary>
    NotOffered,

    /// <summary>The browser sends Do Not Track or Global Privacy Control: no cookie is offered or set.</summary>
    BrowserOptedOut,

    NotAllowed,
    Allowed,
}

/// <summary>
/// The one analytics cookie, set only when the visitor asks for it. It holds nothing but the UK day of the first visit
/// after consent ("1.2026-11-20"): no identifier, so it tells the site "seen before, on an earlier day" and nothing
/// else, and a view can be marked new or returning without storing anything that could follow a person.
/// </summary>
public static class ReturningVisitorCookie
{
    public const string Name = "nscp_returning";
    public const string ConsentPath = "/analytics/returning-visitor-cookie";
    public const string Allow = "allow";
    public const string Withdraw = "withdraw";

    /// <summary>Thirteen months, the longest the ICO expects consent to last before it is asked for again.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(395);

    private const string Version = "1.";
    private const string DayFormat = "yyyy-MM-dd";

    public static bool BrowserOptsOut(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Headers["DNT"] == "1" || request.Headers["Sec-GPC"] == "1";
    }

    /// <summary>The day stored in the cookie, or null when there is none or it is not one this site wrote.</summary>
    public static DateOnly? FirstVisit(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var value = request.Cookies[Name];
        return value is { Length: 12 } && value.StartsWith(Version, StringComparison.Ordinal)
            && DateOnly.TryParseExact(value.AsSpan(Version.Length), DayFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day
            : null;
    }

    public static ReturningCookieOffer OfferFor(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var settings = context.RequestServices.GetRequiredService<IOptions<AnalyticsOptions>>().Value;
        var path = context.Request.Path.Value ?? "/";
        if (!settings.Enabled || settings.UntrackedSections.Any(s => path.StartsWith(s, StringComparison.OrdinalIgnoreCase)))
        {
            return ReturningCookieOffer.NotOffered;
        }

        return BrowserOptsOut(context.Request) ? ReturningCookieOffer.BrowserOptedOut
            : FirstVisit(context.Request) is null ? ReturningCookieOffer.NotAllowed
            : ReturningCookieOffer.Allowed;
    }

    /// <summary>
    /// How a view counts: new on the day the cookie was first set, returning on any later day. A view the browser asked
    /// not to have tracked, or one in an untracked section, has no cookie status whatever it sends.
    /// </summary>
    internal static VisitorCookie StatusOf(HttpRequest request, DateOnly today, bool anonymous)
    {
        if (anonymous || FirstVisit(request) is not { } first || first > today)
        {
            return VisitorCookie.None;
        }

        return first < today ? VisitorCookie.Returning : VisitorCookie.New;
    }

    /// <summary>The consent form's answer: sets or removes the cookie, then back to the page the visitor was on.</summary>
    internal static async Task<IResult> HandleConsentAsync(HttpContext context, TimeProvider clock)
    {
        var request = context.Request;

        // The form is posted from this site's own footer; another site must not be able to switch the cookie on.
        if (request.Headers["Sec-Fetch-Site"] == "cross-site")
        {
            return Results.Problem("The cookie choice must be made on this site.", statusCode: StatusCodes.Status403Forbidden);
        }

        if (!request.HasFormContentType)
        {
            return Results.Problem("Send the choice as a form.", statusCode: StatusCodes.Status400BadRequest);
        }

        var form = await request.ReadFormAsync(context.RequestAborted);
        var choice = form["choice"].ToString();
        if (choice is not (Allow or Withdraw))
        {
            return Results.ValidationProblem(
                new Dictionary<string, string[]> { ["choice"] = [$"'choice' must be '{Allow}' or '{Withdraw}'."] },
                detail: "The cookie choice needs correcting.");
        }

        if (choice == Withdraw)
        {
            context.Response.Cookies.Delete(Name, Options(request, expires: null));
        }
        else if (!BrowserOptsOut(request) && FirstVisit(request) is null)
        {
            var today = UkCalendar.Today(clock);
            context.Response.Cookies.Append(Name, Version + today.ToString(DayFormat, CultureInfo.InvariantCulture), Options(request, clock.GetUtcNow() + Lifetime));
        }

        return Results.Redirect(LocalPath(form["returnUrl"].ToString()), permanent: false, preserveMethod: false);
    }

    private static CookieOptions Options(HttpRequest request, DateTimeOffset? expires) => new()
    {
        Path = "/",
        HttpOnly = true,
        Secure = request.IsHttps,
        SameSite = SameSiteMode.Lax,
        IsEssential = true,
        Expires = expires,
    };

    /// <summary>Only a path on this site, so the form cannot be used to send someone elsewhere.</summary>
    private static string LocalPath(string returnUrl) =>
        returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal) && !returnUrl.StartsWith("/\\", StringComparison.Ordinal)
            && returnUrl.Length <= AnalyticsEvent.MaxPathLength && !returnUrl.Any(char.IsControl)
            ? returnUrl
            : "/";
}
