using SafeguardingSite.Bench;
using SafeguardingSite.Platform.Data;
using SafeguardingSite.Testing;

// Figures for docs/performance.md. Each measurement starts real site hosts (SiteHost) on a throwaway database.
// WebApplicationFactory looks for the site's content-root manifest in the working folder, which `dotnet run` leaves
// at the caller's; the test runner starts in the output folder, so do the same.
Directory.SetCurrentDirectory(AppContext.BaseDirectory);
var report = new Report();
report.Machine();
var providers = new List<DatabaseProvider> { DatabaseProvider.Sqlite };
if (!string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(TestDatabase.PostgresVariable)))
{
    providers.Add(DatabaseProvider.PostgreSql);
}
else
{
    report.Note($"{TestDatabase.PostgresVariable} is not set: PostgreSQL figures and the two-node propagation are skipped.");
}

var total = System.Diagnostics.Stopwatch.StartNew();
foreach (var provider in providers)
{
    await SingleNodeBench.RunAsync(provider, report, measureRouteLookups: provider == DatabaseProvider.Sqlite);
}

if (providers.Contains(DatabaseProvider.PostgreSql))
{
    await PropagationBench.RunAsync(report);
}

report.Note($"Total bench time {total.Elapsed.TotalSeconds:0} s.");
report.Print();
