using System.Net;
using System.Text;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace SafeguardingSite.Search;

/// <summary>
/// Picks the passage of a page's text holding the most query words and marks them, by re-analysing the stored text
/// with the index's analyser: the offsets it reports point back into the original text, stems and all.
/// </summary>
internal static class SnippetBuilder
{
    public const int Length = 240;
    private const int LeadIn = 60;

    public static string Build(Analyzer analyzer, string text, IReadOnlySet<string> terms)
    {
        var matches = Matches(analyzer, text, terms);
        if (matches.Count == 0)
        {
            return WebUtility.HtmlEncode(Cut(text, 0, Length));
        }

        var best = 0;
        var bestScore = -1;
        for (var first = 0; first < matches.Count; first++)
        {
            var windowEnd = matches[first].Start + Length - LeadIn;
            var inside = matches.Skip(first).TakeWhile(m => m.End <= windowEnd).ToList();
            var score = inside.Select(m => m.Term).Distinct(StringComparer.Ordinal).Count() * 100 + inside.Count;
            if (score > bestScore)
            {
                (best, bestScore) = (first, score);
            }
        }

        var start = Math.Max(0, matches[best].Start - LeadIn);
        start = start == 0 ? 0 : NextWordStart(text, start);
        var end = Math.Min(text.Length, start + Length);
        end = end == text.Length ? end : PreviousWordEnd(text, end, matches[best].End);

        var html = new StringBuilder();
        if (start > 0)
        {
            html.Append("… ");
        }

        var position = start;
        foreach (var match in matches.Where(m => m.Start >= start && m.End <= end))
        {
            html.Append(WebUtility.HtmlEncode(text[position..match.Start]))
                .Append("<mark>").Append(WebUtility.HtmlEncode(text[match.Start..match.End])).Append("</mark>");
            position = match.End;
        }

        html.Append(WebUtility.HtmlEncode(text[position..end]));
        if (end < text.Length)
        {
            html.Append(" …");
        }

        return html.ToString();
    }

    public static bool Contains(Analyzer analyzer, string text, IReadOnlySet<string> terms) => Matches(analyzer, text, terms, stopAtFirst: true).Count > 0;

    private static List<(int Start, int End, string Term)> Matches(Analyzer analyzer, string text, IReadOnlySet<string> terms, bool stopAtFirst = false)
    {
        var matches = new List<(int Start, int End, string Term)>();
        using var tokens = analyzer.GetTokenStream(SearchFields.Body, text);
        var term = tokens.AddAttribute<ICharTermAttribute>();
        var offset = tokens.AddAttribute<IOffsetAttribute>();
        tokens.Reset();
        while (tokens.IncrementToken())
        {
            var value = term.ToString();
            if (terms.Contains(value))
            {
                matches.Add((offset.StartOffset, offset.EndOffset, value));
                if (stopAtFirst)
                {
                    break;
                }
            }
        }

        tokens.End();
        return matches;
    }

    private static string Cut(string text, int start, int length)
    {
        if (text.Length <= start + length)
        {
            return text[start..];
        }

        var end = PreviousWordEnd(text, start + length, start);
        return text[start..end] + " …";
    }

    private static int NextWordStart(string text, int index)
    {
        while (index < text.Length && !char.IsWhiteSpace(text[index - 1]))
        {
            index++;
        }

        return index;
    }

    private static int PreviousWordEnd(string text, int index, int floor)
    {
        var end = index;
        while (end > floor && !char.IsWhiteSpace(text[end]))
        {
            end--;
        }

        return end > floor ? end : index;
    }
}
