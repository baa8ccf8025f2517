using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace SafeguardingSite.IntegrationTests.Media;

/// <summary>Real, small files built in the test: a valid PNG, a PDF, Office documents and a disguised program.</summary>
internal static class TestFiles
{
    private static readonly uint[] CrcTable = Enumerable.Range(0, 256).Select(n =>
    {
        var c = (uint)n;
        for (var k = 0; k < 8; k++)
        {
            c = (c & 1) != 0 ? 0xEDB88320 ^ (c >> 1) : c >> 1;
        }

        return c;
    }).ToArray();

    public static byte[] Png(int width, int height, byte shade = 0x80)
    {
        using var png = new MemoryStream();
        png.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bits per channel
        header[9] = 2; // truecolour
        WriteChunk(png, "IHDR", header);

        using var pixels = new MemoryStream();
        using (var zlib = new ZLibStream(pixels, CompressionLevel.Optimal, leaveOpen: true))
        {
            var row = new byte[1 + (width * 3)];
            Array.Fill(row, shade, 1, row.Length - 1);
            for (var y = 0; y < height; y++)
            {
                zlib.Write(row);
            }
        }

        WriteChunk(png, "IDAT", pixels.ToArray());
        WriteChunk(png, "IEND", []);
        return png.ToArray();
    }

    public static byte[] Pdf(string text = "Safer sleep leaflet") => Encoding.ASCII.GetBytes(
        "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n" +
        $"3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >> endobj\n% {text}\ntrailer << /Root 1 0 R >>\n%%EOF\n");

    public static byte[] Docx() => OfficeZip("word/document.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml");

    public static byte[] Xlsx() => OfficeZip("xl/workbook.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml");

    /// <summary>A macro-enabled Word file (.docm) is a zip too, but its main part has another type.</summary>
    public static byte[] MacroEnabledWord() => OfficeZip("word/document.xml", "application/vnd.ms-word.document.macroEnabled.main+xml");

    /// <summary>The start of a Windows executable: "MZ", the DOS stub, then padding.</summary>
    public static byte[] WindowsProgram()
    {
        var bytes = new byte[1024];
        "MZ"u8.CopyTo(bytes);
        Encoding.ASCII.GetBytes("This program cannot be run in DOS mode.").CopyTo(bytes, 78);
        return bytes;
    }

    private static byte[] OfficeZip(string mainPart, string contentType)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            Write(zip, "[Content_Types].xml",
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">" +
                "<Default Extension=\"xml\" ContentType=\"application/xml\"/>" +
                $"<Override PartName=\"/{mainPart}\" ContentType=\"{contentType}\"/></Types>");
            Write(zip, mainPart, "<?xml version=\"1.0\" encoding=\"UTF-8\"?><document/>");
        }

        return buffer.ToArray();

        static void Write(ZipArchive zip, string name, string text)
        {
            using var stream = zip.CreateEntry(name).Open();
            stream.Write(Encoding.UTF8.GetBytes(text));
        }
    }

    private static void WriteChunk(Stream png, string type, byte[] data)
    {
        Span<byte> number = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(number, data.Length);
        png.Write(number);
        var typed = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        png.Write(typed);
        BinaryPrimitives.WriteUInt32BigEndian(number, Crc32(typed));
        png.Write(number);
    }

    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc = CrcTable[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        return crc ^ 0xFFFFFFFFu;
    }
}
