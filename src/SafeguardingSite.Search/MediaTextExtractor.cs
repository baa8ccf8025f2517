using System.Collections.Concurrent;
using System.IO.Compression;
using System.Text;
using System.Xml;
using Microsoft.Extensions.Logging;
using SafeguardingSite.Content.Media;
using SafeguardingSite.Content.Published;
using UglyToad.PdfPig;

namespace SafeguardingSite.Search;

/// <summary>
/// The words inside uploaded PDF and Word (docx) files, so search finds a page by what its linked documents say. Each
/// file version is read once: the text is cached by media key and update date in memory and beside the index, so
/// rebuilds and restarts skip files that have not changed. A file that cannot be read is logged and indexed without text.
/// </summary>
public sealed partial class MediaTextExtractor(MediaFileStore files, string cacheFolder, ILogger<MediaTextExtractor> logger)
{
    /// <summary>Enough for any leaflet or procedure; stops a huge report from dominating the index and its snippets.</summary>
    public const int MaxCharacters = 200_000;

    private readonly ConcurrentDictionary<(Guid Key, DateTime Updated), string> cache = new();

    public string TextOf(PublishedMedia media)
    {
        ArgumentNullException.ThrowIfNull(media);
        if (media.FileUrl is null || media.Extension is not ("pdf" or "docx"))
        {
            return string.Empty;
        }

        return cache.GetOrAdd((media.Key, media.UpdateDate), _ => ReadCachedOrExtract(media));
    }

    private string ReadCachedOrExtract(PublishedMedia media)
    {
        var cached = Path.Combine(cacheFolder, $"{media.Key:N}-{media.UpdateDate.Ticks}.txt");
        if (File.Exists(cached))
        {
            return File.ReadAllText(cached);
        }

        var path = files.PathFor(media.Key, media.FileUrl!);
        if (path is null || !File.Exists(path))
        {
            return string.Empty;
        }

        string text;
        try
        {
            text = media.Extension == "pdf" ? PdfText(path) : DocxText(path);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            LogExtractionFailed(logger, ex, media.Key, media.Name);
            return string.Empty;
        }

        text = text.Length > MaxCharacters ? text[..MaxCharacters] : text;
        try
        {
            System.IO.Directory.CreateDirectory(cacheFolder);
            File.WriteAllText(cached, text);
        }
        catch (IOException ex)
        {
            LogCacheWriteFailed(logger, ex, cached);
        }

        return text;
    }

    private static string PdfText(string path)
    {
        using var document = PdfDocument.Open(path);
        var text = new StringBuilder();
        foreach (var page in document.GetPages())
        {
            text.AppendJoin(' ', page.GetWords().Select(w => w.Text)).Append('\n');
            if (text.Length > MaxCharacters)
            {
                break;
            }
        }

        return text.ToString();
    }

    /// <summary>A docx is a zip; its words are the w:t runs of word/document.xml, paragraphs ending at w:p.</summary>
    private static string DocxText(string path)
    {
        const string WordNamespace = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
        using var zip = ZipFile.OpenRead(path);
        var entry = zip.GetEntry("word/document.xml") ?? throw new InvalidDataException("The file has no word/document.xml.");
        using var stream = entry.Open();
        using var xml = XmlReader.Create(stream, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
        var text = new StringBuilder();
        while (xml.Read() && text.Length <= MaxCharacters)
        {
            if (xml.NodeType == XmlNodeType.Element && xml.NamespaceURI == WordNamespace && xml.LocalName == "t")
            {
                text.Append(xml.ReadElementContentAsString());
            }
            else if (xml.NodeType == XmlNodeType.EndElement && xml.NamespaceURI == WordNamespace && xml.LocalName == "p")
            {
                text.Append('\n');
            }
            else if (xml.NodeType == XmlNodeType.Element && xml.NamespaceURI == WordNamespace && xml.LocalName is "tab" or "br")
            {
                text.Append(' ');
            }
        }

        return text.ToString();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read the text of media {MediaKey} '{MediaName}'; it is indexed without it")]
    private static partial void LogExtractionFailed(ILogger logger, Exception exception, Guid mediaKey, string mediaName);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not cache extracted text at {Path}")]
    private static partial void LogCacheWriteFailed(ILogger logger, Exception exception, string path);
}
