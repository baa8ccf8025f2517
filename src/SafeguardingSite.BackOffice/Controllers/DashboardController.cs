using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace SafeguardingSite.BackOffice.Controllers;

public sealed record BackOfficeSection(string Slug, string Name, string Summary);

/// <summary>The back office's home after sign-in, and the sections later work fills in.</summary>
[Area("BackOffice")]
[Authorize(Policy = BackOfficeRegistration.SignedInPolicy)]
[Route("umbraco")]
public sealed class DashboardController : Controller
{
    public static IReadOnlyList<BackOfficeSection> Sections { get; } =
    [
        new("content", "Content", "Pages of the website: create, edit, publish."),
        new("media", "Media", "Images and documents used on the site."),
        new("training", "Training", "Courses, dates and bookings."),
        new("bulletin", "Bulletin", "The partnership's email bulletin."),
        new("analytics", "Analytics", "How people use the site."),
    ];

    [HttpGet("")]
    public IActionResult Index() => View(Sections);

    [HttpGet("{section:regex(^(content|media|training|bulletin|analytics)$)}")]
    public IActionResult Section(string section) => View(Sections.Single(s => s.Slug == section));
}
