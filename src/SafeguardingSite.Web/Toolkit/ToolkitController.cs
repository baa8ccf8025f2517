using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using SafeguardingSite.Content.Published;
using SafeguardingSite.Web.Rendering;

namespace SafeguardingSite.Web.Toolkit;

/// <summary>
/// The toolkit's downloads and the assessment. Everything is worked out from the published snapshot and the request
/// alone: no database, no session, no log of what was chosen, so no child's details can end up on the server.
/// </summary>
public sealed class ToolkitController(
    IPublishedSnapshotAccessor snapshots,
    IOptions<SiteOptions> options,
    TimeProvider clock,
    IAntiforgery antiforgery) : Controller
{
    public const int MaxModulesPerDownload = 20;
    public const long MaxAssessmentBodyBytes = 16 * 1024;
    public const string AssessmentFormKey = "AssessmentForm";
    public const string AssessmentResultKey = "AssessmentResult";
    private const string AssessmentTemplate = "~/Views/Templates/neglectAssessment.cshtml";

    private static readonly FormOptions AssessmentFormLimits = new()
    {
        ValueCountLimit = 64,
        KeyLengthLimit = 100,
        ValueLengthLimit = 1024,
        BufferBody = false,
        MultipartBodyLengthLimit = MaxAssessmentBodyBytes,
    };

    /// <summary>One module, or a chosen set, as a single PDF to attach to a referral.</summary>
    [HttpGet]
    public IActionResult ModulesPdf([FromQuery(Name = "module")] string[]? module)
    {
        var requested = module ?? [];
        if (requested.Length == 0)
        {
            return BadRequestProblem("No module chosen", "Choose at least one module to download.");
        }

        if (requested.Length > MaxModulesPerDownload)
        {
            return BadRequestProblem("Too many modules", $"Choose at most {MaxModulesPerDownload} modules.");
        }

        var keys = new HashSet<Guid>();
        foreach (var value in requested)
        {
            if (!Guid.TryParse(value, out var key))
            {
                return BadRequestProblem("Unknown module", "'module' must be the key of a toolkit module.");
            }

            keys.Add(key);
        }

        var snapshot = snapshots.Current;
        var modules = keys.Select(snapshot.Find).ToList();
        if (modules.Any(m => m is null || m.ContentTypeAlias != ToolkitModules.ModuleType))
        {
            return NotFoundProblem("One or more of the chosen modules is not published.");
        }

        // Modules keep the toolkit's own order, however the choices arrived.
        var ordered = modules.Cast<PublishedContent>().OrderBy(m => m.Parent?.SortOrder).ThenBy(m => m.SortOrder).ToList();
        var home = ordered[0].Parent ?? ordered[0];
        var source = ordered.Count == 1 ? ordered[0] : home;
        var pdf = ToolkitPdfWriter.Write(new PdfDocumentContent(
            PartnershipName(snapshot),
            home.Name,
            BaseUrl + source.Url,
            clock.GetUtcNow(),
            ordered.SelectMany(ToolkitModules.PdfBlocks).ToList()));
        var fileName = ordered.Count == 1 ? ContentRoutes.ToSegment(ordered[0].Name) : ContentRoutes.ToSegment(home.Name) + "-modules";
        return File(pdf, "application/pdf", fileName + ".pdf");
    }

    /// <summary>Scores the assessment: the result page (or JSON for the live result), or the form again with errors beside the fields.</summary>
    [HttpPost]
    public async Task<IActionResult> Assess()
    {
        var (page, form, problem) = await ReadAssessmentAsync();
        if (problem is not null)
        {
            return problem;
        }

        var definition = AssessmentDefinition.From(page!);
        var wantsJson = Request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase));
        if (wantsJson)
        {
            if (form!.Invalid.Count > 0)
            {
                return BadRequestProblem("Invalid scores", string.Join("; ", form.Invalid.Values));
            }

            if (!form.IsComplete)
            {
                return Json(new { complete = false, remaining = form.Missing.Count });
            }

            var live = AssessmentScoring.Score(definition, form.Scores);
            return Json(new
            {
                complete = true,
                level = live.Level.Name,
                total = live.Total,
                maximum = live.MaximumTotal,
                raisedBy = live.RaisedBy?.Name,
                explanation = AssessmentSummary.Explanation(live),
                nextSteps = live.Level.NextStepsHtml,
            });
        }

        ViewData[AssessmentFormKey] = form;
        if (!form!.IsComplete)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        else
        {
            ViewData[AssessmentResultKey] = AssessmentScoring.Score(definition, form.Scores);
        }

        return View(AssessmentTemplate, SitePageFor(page!));
    }

    /// <summary>The assessment's summary as a PDF; built in memory from the posted choices and never cached.</summary>
    [HttpPost]
    public async Task<IActionResult> AssessmentPdf()
    {
        var (page, form, problem) = await ReadAssessmentAsync();
        if (problem is not null)
        {
            return problem;
        }

        var definition = AssessmentDefinition.From(page!);
        if (!form!.IsComplete)
        {
            ViewData[AssessmentFormKey] = form;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View(AssessmentTemplate, SitePageFor(page!));
        }

        var result = AssessmentScoring.Score(definition, form.Scores);
        var pdf = ToolkitPdfWriter.Write(new PdfDocumentContent(
            PartnershipName(snapshots.Current),
            definition.Name + ": summary",
            BaseUrl + page!.Url,
            clock.GetUtcNow(),
            AssessmentSummary.PdfBlocks(result)));
        return File(pdf, "application/pdf", ContentRoutes.ToSegment(definition.Name) + "-summary.pdf");
    }

    private string BaseUrl => options.Value.BaseUrlFor(Request);

    /// <summary>
    /// Reads the form under tight limits. The actions take no bound parameters on purpose: model binding would read
    /// the body first with the framework's generous defaults, before these limits could refuse an oversized post.
    /// </summary>
    private async Task<(PublishedContent? Page, AssessmentForm? Form, IActionResult? Problem)> ReadAssessmentAsync()
    {
        // The answers describe a child's care: make sure no browser or proxy keeps a copy of what comes back.
        Response.Headers.CacheControl = "no-store";
        var page = Guid.TryParse(RouteData.Values["id"] as string, out var id) ? snapshots.Current.Find(id) : null;
        if (page is null || page.ContentTypeAlias != ToolkitModules.AssessmentType)
        {
            return (null, null, NotFoundProblem("There is no published assessment with that key."));
        }

        if (Request.ContentLength > MaxAssessmentBodyBytes)
        {
            return (page, null, BadRequestProblem("Request too large", $"The form must be under {MaxAssessmentBodyBytes / 1024} KB."));
        }

        if (!Request.HasFormContentType)
        {
            return (page, null, BadRequestProblem("Not a form", "Send the assessment as a form (application/x-www-form-urlencoded)."));
        }

        IFormCollection posted;
        try
        {
            posted = await Request.ReadFormAsync(AssessmentFormLimits, HttpContext.RequestAborted);
        }
        catch (InvalidDataException ex)
        {
            return (page, null, BadRequestProblem("Form too large", ex.Message));
        }
        catch (BadHttpRequestException ex)
        {
            return (page, null, BadRequestProblem("Unreadable form", ex.Message));
        }

        try
        {
            await antiforgery.ValidateRequestAsync(HttpContext);
        }
        catch (AntiforgeryValidationException)
        {
            return (page, null, BadRequestProblem("Form expired", "The form's security token is missing or out of date. Reload the page and try again."));
        }

        var definition = AssessmentDefinition.From(page);
        return (page, AssessmentForm.Read(posted, definition), null);
    }

    private SitePage SitePageFor(PublishedContent page) =>
        new(page, snapshots.Current, options.Value, clock.GetUtcNow().UtcDateTime, BaseUrl + page.Url, Request.Query);

    private static string PartnershipName(PublishedSnapshot snapshot) =>
        snapshot.Home?.Text("siteName") ?? snapshot.Home?.Name ?? "Safeguarding Children Partnership";

    private ObjectResult BadRequestProblem(string title, string detail) =>
        Problem(detail: detail, statusCode: StatusCodes.Status400BadRequest, title: title);

    private ObjectResult NotFoundProblem(string detail) =>
        Problem(detail: detail, statusCode: StatusCodes.Status404NotFound, title: "Not found");
}
