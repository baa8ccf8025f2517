namespace SafeguardingSite.Web.Toolkit;

public static class ToolkitRouting
{
    public const string ModulesPdfPath = "/toolkit/pdf";

    public static string AssessPath(Guid assessment) => $"/toolkit/assessment/{assessment:D}";

    public static string AssessmentPdfPath(Guid assessment) => AssessPath(assessment) + "/pdf";

    /// <summary>The toolkit's own addresses; they must be mapped before the published-content fallback.</summary>
    public static WebApplication MapToolkit(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapControllerRoute("toolkit-modules-pdf", "toolkit/pdf", new { controller = "Toolkit", action = "ModulesPdf" });
        app.MapControllerRoute("toolkit-assessment-pdf", "toolkit/assessment/{id:guid}/pdf", new { controller = "Toolkit", action = "AssessmentPdf" });
        app.MapControllerRoute("toolkit-assessment", "toolkit/assessment/{id:guid}", new { controller = "Toolkit", action = "Assess" });
        return app;
    }
}
