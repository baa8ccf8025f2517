using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using SafeguardingSite.Bulletin.Sending;

namespace SafeguardingSite.Bulletin;

/// <summary>
/// Matches only the URL segment of the published E-bulletin page, so the archive follows that page wherever editors
/// put or rename it, and no other section's "archive" path is taken over.
/// </summary>
public sealed class BulletinSectionConstraint : IRouteConstraint
{
    public const string Name = "bulletinSection";

    public bool Match(HttpContext? httpContext, IRouter? route, string routeKey, RouteValueDictionary values, RouteDirection routeDirection)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (httpContext is null || !values.TryGetValue(routeKey, out var value) || value is not string section)
        {
            return false;
        }

        var page = httpContext.RequestServices.GetRequiredService<BulletinLinks>().BulletinPage;
        return page is not null && string.Equals(page.Url, "/" + section + "/", StringComparison.OrdinalIgnoreCase);
    }
}
