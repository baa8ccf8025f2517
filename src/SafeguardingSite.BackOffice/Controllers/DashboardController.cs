using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using SafeguardingSite.BackOffice.Extensibility;
using SafeguardingSite.BackOffice.Identity;

namespace SafeguardingSite.BackOffice.Controllers;

/// <summary>The back office's home after sign-in: the sections this user may work in.</summary>
[Area("BackOffice")]
[Authorize(Policy = BackOfficeRegistration.SignedInPolicy)]
[Route("umbraco")]
public sealed class DashboardController(IEnumerable<BackOfficeSection> sections) : Controller
{
    [HttpGet("")]
    public IActionResult Index() => View(VisibleTo(sections, User));

    /// <summary>The registered sections the user holds the permission for, in navigation order; a slug registered twice shows once.</summary>
    public static IReadOnlyList<BackOfficeSection> VisibleTo(IEnumerable<BackOfficeSection> sections, ClaimsPrincipal user) =>
        [.. sections.DistinctBy(s => s.Slug, StringComparer.OrdinalIgnoreCase).Where(s => user.HasClaim(BackOfficeClaims.Permission, s.Permission)).OrderBy(s => s.Order).ThenBy(s => s.Name, StringComparer.Ordinal)];
}
