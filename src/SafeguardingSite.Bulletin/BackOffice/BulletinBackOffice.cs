using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.ApplicationParts;
using Microsoft.Extensions.DependencyInjection;
using SafeguardingSite.BackOffice;
using SafeguardingSite.BackOffice.Extensibility;
using SafeguardingSite.BackOffice.Identity;
using SafeguardingSite.Bulletin.Editions;

namespace SafeguardingSite.Bulletin.BackOffice;

/// <summary>The bulletin's section of the back office at /umbraco/bulletin, for users holding bulletin.edit.</summary>
public static class BulletinBackOffice
{
    public const string Slug = "bulletin";
    public const string ScriptPath = BackOfficeRegistration.BasePath + "/" + Slug + "/assets/editions.js";

    /// <summary>Thirty blocks of the longest allowed text, with room for the field names.</summary>
    public const long MaxFormBytes = 512 * 1024;

    public static IServiceCollection AddBulletinBackOffice(this IServiceCollection services)
    {
        services.AddBackOfficeSection(new BackOfficeSection(Slug, "Bulletin", "Compose, preview, schedule and send e-bulletin editions.", BackOfficePermission.BulletinEdit, 40));
        services.AddScoped<EditionComposer>();
        var assembly = typeof(BulletinBackOffice).Assembly;
        services.AddControllersWithViews().ConfigureApplicationPartManager(parts =>
        {
            if (!parts.ApplicationParts.OfType<AssemblyPart>().Any(p => p.Assembly == assembly))
            {
                parts.ApplicationParts.Add(new AssemblyPart(assembly));
            }
        });
        return services;
    }

    public static WebApplication MapBulletinBackOffice(this WebApplication app)
    {
        // A file the strict back-office policy (script-src 'self') lets run: the progress screen's live refresh.
        app.MapGet(ScriptPath, () => Results.Stream(Script(), "text/javascript; charset=utf-8")).AllowAnonymous();
        return app;
    }

    private static Stream Script() =>
        Assembly.GetExecutingAssembly().GetManifestResourceStream("bulletin-editions.js")
        ?? throw new InvalidOperationException("The bulletin's back-office script is missing from the assembly.");
}
