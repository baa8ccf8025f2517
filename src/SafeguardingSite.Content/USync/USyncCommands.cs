using SafeguardingSite.Platform.Commands;

namespace SafeguardingSite.Content.USync;

/// <summary>`usync import [folder]`: applies the uSync files to the database. Items that match are left alone.</summary>
public sealed class USyncImportCommand(USyncImporter importer, USyncLocation location) : ISiteCommand
{
    public string Name => "usync import";

    public string Description => "Import schema and content from the uSync folder (or the folder given).";

    public async Task<int> RunAsync(IReadOnlyList<string> arguments, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(output);
        var root = USyncCommandArguments.Folder(arguments, location);
        try
        {
            var report = await importer.ImportAsync(root, cancellationToken);
            await output.WriteLineAsync($"Imported {root}: {report}");
            return 0;
        }
        catch (USyncImportException ex)
        {
            await output.WriteLineAsync(ex.Message);
            return 1;
        }
    }
}

/// <summary>`usync export [folder]`: writes the database's schema and content as uSync files, deterministically.</summary>
public sealed class USyncExportCommand(USyncExporter exporter, USyncLocation location) : ISiteCommand
{
    public string Name => "usync export";

    public string Description => "Export schema and content to the uSync folder (or the folder given).";

    public async Task<int> RunAsync(IReadOnlyList<string> arguments, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(output);
        var root = USyncCommandArguments.Folder(arguments, location);
        var report = await exporter.ExportAsync(root, cancellationToken);
        await output.WriteLineAsync($"Exported to {root}: {report}");
        return 0;
    }
}

internal static class USyncCommandArguments
{
    /// <summary>The folder argument, relative to the current directory, or the configured uSync folder.</summary>
    public static string Folder(IReadOnlyList<string> arguments, USyncLocation location) =>
        arguments.Count > 0 ? Path.GetFullPath(arguments[0]) : location.Root;
}
