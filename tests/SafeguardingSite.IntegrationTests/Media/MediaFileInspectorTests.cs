using SafeguardingSite.Content.Media;
using SafeguardingSite.Content.Services;

namespace SafeguardingSite.IntegrationTests.Media;

/// <summary>The header readers for the image formats the HTTP tests do not upload.</summary>
public class MediaFileInspectorTests
{
    [Fact]
    public void A_jpeg_size_is_read_from_its_start_of_frame_after_other_segments()
    {
        byte[] jpeg =
        [
            0xFF, 0xD8, // start of image
            0xFF, 0xE0, 0x00, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, // APP0
            0xFF, 0xC4, 0x00, 0x03, 0x00, // a Huffman table, which is not a frame even though its marker is in the range
            0xFF, 0xC2, 0x00, 0x11, 0x08, 0x02, 0x58, 0x03, 0x20, 0x03, 0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01, // progressive frame, 800x600
        ];

        var inspected = MediaFileInspector.Inspect(jpeg, "photo.JPEG");

        Assert.Equal(MediaFormat.Jpeg, inspected.Format);
        Assert.Equal((800, 600), (inspected.Width, inspected.Height));
    }

    [Fact]
    public void Gif_and_webp_sizes_are_read_from_their_headers()
    {
        byte[] gif = [.. "GIF89a"u8, 0x40, 0x01, 0xF0, 0x00, 0x00, 0x00, 0x00];
        byte[] lossless = [.. "RIFF"u8, 0, 0, 0, 0, .. "WEBP"u8, .. "VP8L"u8, 0, 0, 0, 0, 0x2F, 0x3F, 0xC0, 0x3F, 0x00, 0, 0, 0, 0, 0];
        byte[] extended = [.. "RIFF"u8, 0, 0, 0, 0, .. "WEBPVP8X"u8, 10, 0, 0, 0, 0, 0, 0, 0, 0x7F, 0x07, 0x00, 0x37, 0x04, 0x00, 0, 0];

        Assert.Equal((320, 240), Size(MediaFileInspector.Inspect(gif, "anim.gif")));
        Assert.Equal((64, 256), Size(MediaFileInspector.Inspect(lossless, "icon.webp")));
        Assert.Equal((1920, 1080), Size(MediaFileInspector.Inspect(extended, "banner.webp")));
    }

    [Fact]
    public void A_zip_that_is_not_an_office_document_is_refused()
    {
        var error = Assert.Throws<ContentException>(() => MediaFileInspector.Inspect([(byte)'P', (byte)'K', 3, 4, 0, 0, 0, 0], "report.docx"));

        Assert.Equal(ContentErrorKind.Invalid, error.Kind);
        Assert.Contains("zip", error.Errors["file"][0], StringComparison.OrdinalIgnoreCase);
    }

    private static (int?, int?) Size(InspectedFile file) => (file.Width, file.Height);
}
