namespace SafeguardingSite.IntegrationTests.USync;

/// <summary>A folder under the system temp directory, deleted when the test ends.</summary>
internal sealed class TemporaryFolder : IDisposable
{
    public TemporaryFolder()
    {
        Path = Directory.CreateDirectory(System.IO.Path.Combine(System.IO.Path.GetTempPath(), "sg-usync", Guid.NewGuid().ToString("N"))).FullName;
    }

    public string Path { get; }

    public static TemporaryFolder CopyOf(string source)
    {
        var folder = new TemporaryFolder();
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            var target = System.IO.Path.Combine(folder.Path, System.IO.Path.GetRelativePath(source, file));
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        return folder;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // the OS cleans temp
        }
    }
}
