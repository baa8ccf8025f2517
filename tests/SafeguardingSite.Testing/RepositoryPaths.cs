namespace SafeguardingSite.Testing;

/// <summary>Locates the repository from a test's output folder, for the real uSync files and front-end assets.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string USync => Path.Combine(Root, "uSync");

    public static string WebProject => Path.Combine(Root, "src", "SafeguardingSite.Web");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SafeguardingSite.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Could not find SafeguardingSite.sln above " + AppContext.BaseDirectory);
    }
}
