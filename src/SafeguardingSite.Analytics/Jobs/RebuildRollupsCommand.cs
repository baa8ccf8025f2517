using SafeguardingSite.Platform.Commands;

namespace SafeguardingSite.Analytics.Jobs;

/// <summary>
/// analytics rebuild-rollups: rebuilds the daily totals of every day that still has its raw events, e.g. once after
/// upgrading from UTC days to UK days or when new per-page figures were added.
/// </summary>
public sealed class RebuildRollupsCommand(RollupBuilder builder) : ISiteCommand
{
    public string Name => "analytics rebuild-rollups";

    public string Description => "Rebuild the analytics daily totals from the raw events still kept: analytics rebuild-rollups";

    public async Task<int> RunAsync(IReadOnlyList<string> arguments, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        var days = await builder.RebuildFromRawEventsAsync(cancellationToken);
        await output.WriteLineAsync($"Rebuilt the analytics totals of {days} day(s).");
        return 0;
    }
}
