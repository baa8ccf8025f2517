namespace SafeguardingSite.Content.Media;

/// <summary>A kind of file the media library accepts, recognised by its content rather than its name.</summary>
public sealed record MediaFormat(string Name, string MimeType, IReadOnlyList<string> Extensions, bool IsImage)
{
    public static readonly MediaFormat Jpeg = new("JPEG image", "image/jpeg", ["jpg", "jpeg"], IsImage: true);
    public static readonly MediaFormat Png = new("PNG image", "image/png", ["png"], IsImage: true);
    public static readonly MediaFormat Gif = new("GIF image", "image/gif", ["gif"], IsImage: true);
    public static readonly MediaFormat WebP = new("WebP image", "image/webp", ["webp"], IsImage: true);
    public static readonly MediaFormat Pdf = new("PDF document", "application/pdf", ["pdf"], IsImage: false);

    public static readonly MediaFormat Docx = new(
        "Word document", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", ["docx"], IsImage: false);

    public static readonly MediaFormat Xlsx = new(
        "Excel workbook", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ["xlsx"], IsImage: false);

    public static IReadOnlyList<MediaFormat> All { get; } = [Jpeg, Png, Gif, WebP, Pdf, Docx, Xlsx];

    public string DefaultExtension => Extensions[0];
}

/// <summary>What inspecting an upload found: its format and, for images, the pixel size read from the header.</summary>
public sealed record InspectedFile(MediaFormat Format, int? Width, int? Height);
