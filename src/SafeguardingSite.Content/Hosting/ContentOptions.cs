namespace SafeguardingSite.Content.Hosting;

public sealed class ContentOptions
{
    public const string SectionName = "Content";

    /// <summary>How often each web node checks the change feed for publishes made on other nodes.</summary>
    public TimeSpan ChangeFeedPollInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Import the uSync folder when the database has never been imported into (a fresh install).</summary>
    public bool ImportUSyncOnFirstBoot { get; set; } = true;

    /// <summary>The uSync folder. Empty means: find the repository's uSync folder above the content root, else next to the app.</summary>
    public string? USyncFolder { get; set; }
}
