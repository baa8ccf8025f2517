using Microsoft.Extensions.DependencyInjection;

namespace SafeguardingSite.BackOffice.Extensibility;

/// <summary>
/// One entry in the back office's navigation and dashboard. Modules register their own sections, so the back office
/// never needs to know which modules a site runs; a user sees a section only when they hold its permission.
/// </summary>
/// <param name="Slug">The path segment under /umbraco where the module maps its screens.</param>
/// <param name="Permission">A <see cref="Identity.BackOfficePermission"/> value the user must hold.</param>
/// <param name="Order">Position in the navigation; lower comes first.</param>
public sealed record BackOfficeSection(string Slug, string Name, string Summary, string Permission, int Order = 100)
{
    public string Href => BackOfficeRegistration.BasePath + "/" + Slug;
}

public static class BackOfficeSectionRegistration
{
    public static IServiceCollection AddBackOfficeSection(this IServiceCollection services, BackOfficeSection section)
    {
        ArgumentNullException.ThrowIfNull(section);
        services.AddSingleton(section);
        return services;
    }
}
