using System.Security.Claims;

namespace SafeguardingSite.BackOffice.Extensibility;

/// <summary>A fact shown in a panel beside the content editor, e.g. "Page views (last 30 days): 1,204".</summary>
public sealed record ContentEditorPanelRow(string Label, string Value);

/// <summary>A panel a module adds beside the content editor, with an optional link to its full screen.</summary>
public sealed record ContentEditorPanel(string Heading, IReadOnlyList<ContentEditorPanelRow> Rows, string? MoreHref = null, string? MoreText = null);

/// <summary>
/// Lets a module show its figures about a page on that page's editing screen (analytics shows its page views) without
/// the back office referencing the module. Return null when there is nothing to show to this user.
/// </summary>
public interface IContentEditorPanel
{
    Task<ContentEditorPanel?> BuildAsync(Guid contentKey, ClaimsPrincipal user, CancellationToken cancellationToken);
}
