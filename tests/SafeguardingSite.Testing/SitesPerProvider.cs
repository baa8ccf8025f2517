using System.Collections.Concurrent;
using SafeguardingSite.Platform.Data;
using Xunit;

namespace SafeguardingSite.Testing;

/// <summary>
/// One started site per database provider, shared by every test of a class or collection. Starting a site (migrations,
/// the demo content import, the search index) costs far more than most tests, so tests that keep to their own rows share
/// one. Each site starts on first use and is disposed with the fixture. A fixture is one line:
/// <c>public sealed class SearchSites() : SitesPerProvider&lt;SearchTestSite&gt;(SearchTestSite.StartAsync);</c>
/// </summary>
public class SitesPerProvider<TSite>(Func<DatabaseProvider, Task<TSite>> start) : IAsyncLifetime
    where TSite : IAsyncDisposable
{
    private readonly ConcurrentDictionary<DatabaseProvider, Lazy<Task<TSite>>> sites = new();

    public Task<TSite> ForAsync(DatabaseProvider provider) =>
        sites.GetOrAdd(provider, p => new Lazy<Task<TSite>>(() => start(p))).Value;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var started in sites.Values.Where(s => s.IsValueCreated).Select(s => s.Value))
        {
            // A site that failed to start has already failed its tests; there is nothing to dispose.
            await ((Task)started).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (started.IsCompletedSuccessfully)
            {
                await started.Result.DisposeAsync();
            }
        }
    }
}
