namespace SafeguardingSite.Platform.Commands;

/// <summary>
/// A maintenance command run as `dotnet run --project src/SafeguardingSite.Web -- &lt;name&gt; [args]` instead of
/// starting the web server, e.g. `usync export` or `apikey create`. Modules register theirs in DI.
/// </summary>
public interface ISiteCommand
{
    /// <summary>The words that select this command, e.g. "usync export".</summary>
    string Name { get; }

    string Description { get; }

    /// <summary>Runs with the arguments after the command's name; returns the process exit code.</summary>
    Task<int> RunAsync(IReadOnlyList<string> arguments, TextWriter output, CancellationToken cancellationToken);
}
