namespace SafeguardingSite.Content.Media;

public sealed class MediaOptions
{
    public const string SectionName = "Media";

    /// <summary>Where uploaded files are kept; relative paths are under the content root. Web nodes must share it.</summary>
    public string Folder { get; set; } = "App_Data/media";

    /// <summary>The largest file an editor may upload.</summary>
    public long MaxUploadBytes { get; set; } = 20 * 1024 * 1024;
}
