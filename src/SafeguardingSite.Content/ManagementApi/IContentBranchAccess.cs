using System.Security.Claims;

namespace SafeguardingSite.Content.ManagementApi;

/// <summary>
/// Whether a caller may work on a document given the branches of the tree they are limited to. The engine cannot know
/// about back-office groups and start nodes, so the back office supplies the answer; without it every caller the
/// Management API's policies admit may work anywhere, which is what API keys get.
/// </summary>
public interface IContentBranchAccess
{
    /// <summary>True when the caller may read or change the document; a null key means the root of the tree.</summary>
    Task<bool> AllowsAsync(ClaimsPrincipal user, Guid? documentKey, CancellationToken cancellationToken);
}

internal sealed class UnlimitedBranchAccess : IContentBranchAccess
{
    public Task<bool> AllowsAsync(ClaimsPrincipal user, Guid? documentKey, CancellationToken cancellationToken) => Task.FromResult(true);
}
