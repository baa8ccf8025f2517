using System.Buffers.Binary;
using System.IO.Compression;
using System.Xml;
using SafeguardingSite.Content.Services;

namespace SafeguardingSite.Content.Media;

/// <summary>
/// Decides what an upload really is from its bytes: the name's extension must agree with the content, so a program
/// renamed to leaflet.pdf, or an HTML page renamed to photo.png, never reaches the library.
/// </summary>
public static class MediaFileInspector
{
    public const string Field = "file";

    private const string WordMainPart = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml";
    private const string ExcelMainPart = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml";
    private const int MaxContentTypesBytes = 256 * 1024;

    private static ReadOnlySpan<byte> JpegSignature => [0xFF, 0xD8, 0xFF];
    private static ReadOnlySpan<byte> PngSignature => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];
    private static ReadOnlySpan<byte> ZipSignature => [(byte)'P', (byte)'K', 0x03, 0x04];
    private static ReadOnlySpan<byte> ElfSignature => [0x7F, (byte)'E', (byte)'L', (byte)'F'];

    private static readonly string AcceptedList = string.Join(", ", MediaFormat.All.Select(f => f.Name));

    public static InspectedFile Inspect(ReadOnlySpan<byte> content, string fileName)
    {
        var format = Detect(content) ?? throw Refuse(DescribeUnknown(content));
        var extension = Path.GetExtension(fileName).TrimStart('.').ToLowerInvariant();
        if (!format.Extensions.Contains(extension))
        {
            throw Refuse($"The file's content is a {format.Name} but its name ends in '.{extension}'. Name it with .{format.DefaultExtension}.");
        }

        if (!format.IsImage)
        {
            return new InspectedFile(format, null, null);
        }

        var size = ReadImageSize(format, content) ?? throw Refuse($"The {format.Name} is damaged: its width and height cannot be read.");
        return new InspectedFile(format, size.Width, size.Height);
    }

    private static MediaFormat? Detect(ReadOnlySpan<byte> content)
    {
        if (content.StartsWith(JpegSignature))
        {
            return MediaFormat.Jpeg;
        }

        if (content.StartsWith(PngSignature))
        {
            return MediaFormat.Png;
        }

        if (content.StartsWith("GIF87a"u8) || content.StartsWith("GIF89a"u8))
        {
            return MediaFormat.Gif;
        }

        if (content.Length >= 12 && content.StartsWith("RIFF"u8) && content[8..12].SequenceEqual("WEBP"u8))
        {
            return MediaFormat.WebP;
        }

        if (content.StartsWith("%PDF-"u8))
        {
            return MediaFormat.Pdf;
        }

        return content.StartsWith(ZipSignature) ? DetectOfficeDocument(content.ToArray()) : null;
    }

    /// <summary>A .docx or .xlsx is a zip whose [Content_Types].xml declares the main part; macro-enabled files declare another type.</summary>
    private static MediaFormat? DetectOfficeDocument(byte[] content)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(content, writable: false), ZipArchiveMode.Read);
            var manifest = zip.GetEntry("[Content_Types].xml");
            if (manifest is null || manifest.Length > MaxContentTypesBytes)
            {
                return null;
            }

            using var reader = XmlReader.Create(manifest.Open(), new XmlReaderSettings
            {
                CloseInput = true,
                DtdProcessing = DtdProcessing.Prohibit,
                XmlResolver = null,
                MaxCharactersInDocument = MaxContentTypesBytes,
            });
            while (reader.Read())
            {
                if (reader.NodeType != XmlNodeType.Element || reader.LocalName != "Override")
                {
                    continue;
                }

                var format = reader.GetAttribute("ContentType") switch
                {
                    WordMainPart => MediaFormat.Docx,
                    ExcelMainPart => MediaFormat.Xlsx,
                    _ => null,
                };
                var partName = reader.GetAttribute("PartName")?.TrimStart('/');
                if (format is not null && partName is not null && zip.GetEntry(partName) is not null)
                {
                    return format;
                }
            }

            return null;
        }
        catch (Exception ex) when (ex is InvalidDataException or XmlException or IOException)
        {
            return null;
        }
    }

    private static string DescribeUnknown(ReadOnlySpan<byte> content)
    {
        var what = content switch
        {
            _ when content.IsEmpty => "The file is empty.",
            _ when content.StartsWith("MZ"u8) => "The file is a Windows program, whatever its name says.",
            _ when content.StartsWith(ElfSignature) => "The file is a program, whatever its name says.",
            _ when content.StartsWith("#!"u8) => "The file is a script, whatever its name says.",
            _ when content.TrimStart(" \t\r\n"u8).StartsWith("<"u8) => "The file is HTML, XML or SVG, which can carry script.",
            _ when content.StartsWith(ZipSignature) => "The file is a zip archive, not a Word or Excel document (macro-enabled documents are not accepted).",
            _ => "The file's type is not recognised.",
        };
        return $"{what} Upload one of: {AcceptedList}.";
    }

    private static (int Width, int Height)? ReadImageSize(MediaFormat format, ReadOnlySpan<byte> content)
    {
        if (format == MediaFormat.Png)
        {
            return content.Length >= 24 && content[12..16].SequenceEqual("IHDR"u8)
                ? Positive(BinaryPrimitives.ReadInt32BigEndian(content[16..]), BinaryPrimitives.ReadInt32BigEndian(content[20..]))
                : null;
        }

        if (format == MediaFormat.Gif)
        {
            return content.Length >= 10
                ? Positive(BinaryPrimitives.ReadUInt16LittleEndian(content[6..]), BinaryPrimitives.ReadUInt16LittleEndian(content[8..]))
                : null;
        }

        return format == MediaFormat.WebP ? ReadWebPSize(content) : ReadJpegSize(content);
    }

    private static (int Width, int Height)? ReadJpegSize(ReadOnlySpan<byte> content)
    {
        var offset = 2;
        while (offset + 4 <= content.Length)
        {
            if (content[offset] != 0xFF)
            {
                return null;
            }

            var marker = content[offset + 1];
            if (marker == 0xFF)
            {
                offset++; // fill byte
                continue;
            }

            if (marker is 0x01 or (>= 0xD0 and <= 0xD8))
            {
                offset += 2; // markers without a length
                continue;
            }

            var length = BinaryPrimitives.ReadUInt16BigEndian(content[(offset + 2)..]);
            var isStartOfFrame = marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC;
            if (isStartOfFrame)
            {
                return offset + 9 <= content.Length
                    ? Positive(BinaryPrimitives.ReadUInt16BigEndian(content[(offset + 7)..]), BinaryPrimitives.ReadUInt16BigEndian(content[(offset + 5)..]))
                    : null;
            }

            offset += 2 + length;
        }

        return null;
    }

    private static (int Width, int Height)? ReadWebPSize(ReadOnlySpan<byte> content)
    {
        if (content.Length < 30)
        {
            return null;
        }

        var chunk = content[12..16];
        if (chunk.SequenceEqual("VP8 "u8))
        {
            return Positive(BinaryPrimitives.ReadUInt16LittleEndian(content[26..]) & 0x3FFF, BinaryPrimitives.ReadUInt16LittleEndian(content[28..]) & 0x3FFF);
        }

        if (chunk.SequenceEqual("VP8L"u8) && content[20] == 0x2F)
        {
            var bits = BinaryPrimitives.ReadUInt32LittleEndian(content[21..]);
            return Positive((int)(bits & 0x3FFF) + 1, (int)((bits >> 14) & 0x3FFF) + 1);
        }

        if (chunk.SequenceEqual("VP8X"u8))
        {
            return Positive(ReadUInt24(content[24..]) + 1, ReadUInt24(content[27..]) + 1);
        }

        return null;

        static int ReadUInt24(ReadOnlySpan<byte> bytes) => bytes[0] | (bytes[1] << 8) | (bytes[2] << 16);
    }

    private static (int Width, int Height)? Positive(int width, int height) => width > 0 && height > 0 ? (width, height) : null;

    private static ContentException Refuse(string reason) =>
        new(ContentErrorKind.Invalid, reason, new Dictionary<string, string[]> { [Field] = [reason] });
}
