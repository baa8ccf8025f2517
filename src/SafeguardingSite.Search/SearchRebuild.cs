using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SafeguardingSite.Content.ManagementApi;
using SafeguardingSite.Content.Published;
using SafeguardingSite.Platform.Commands;

namespace SafeguardingSite.Search;

/// <summary>Reloads the published content from the database and builds a complete new index from it.</summary>
public sealed class SearchRebuilder(SiteSearchIndex index, PublishedSnapshotService snapshots, TimeProvider clock)
{
    public async Task<SearchIndexState> RebuildAsync(CancellationToken cancellationToken)
    {
        await snapshots.RefreshAsync(cancellationToken: cancellationToken);
        var snapshot = snapshots.Current;
        await Task.Run(() => index.Rebuild(snapshot, clock.GetUtcNow().UtcDateTime), cancellationToken);
        return index.State;
    }
}

/// <summary>search rebuild: rebuilds this node's search index from the database.</summary>
public sealed class SearchRebuildCommand(SearchRebuilder rebuilder) : ISiteCommand
{
    public string Name => "search rebuild";

    public string Description => "Rebuild this node's search index from the database";

    public async Task<int> RunAsync(IReadOnlyList<string> arguments, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        var state = await rebuilder.RebuildAsync(cancellationToken);
        await output.WriteLineAsync($"Search index rebuilt: {state.Documents} pages from snapshot {state.SnapshotSequence}.");
        return 0;
    }
}

public static class SearchRebuildEndpoint
{
    public const string Path = ManagementApiRegistration.BasePath + "/search/rebuild";

    /// <summary>POST /umbraco/management/api/v1/search/rebuild, administrators only; answers with the new index state.</summary>
    public static IEndpointRouteBuilder MapSiteSearch(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(Path, async (SearchRebuilder rebuilder, CancellationToken cancellationToken) =>
            {
                var state = await rebuilder.RebuildAsync(cancellationToken);
                return Results.Ok(new { documents = state.Documents, sequence = state.SnapshotSequence, builtAt = state.LastBuiltAt });
            })
            .RequireAuthorization(ManagementPolicies.Admin);
        return endpoints;
    }
}
