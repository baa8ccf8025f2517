using Lucene.Net.Index;

namespace SafeguardingSite.Search;

/// <summary>
/// "Did you mean": replaces each query word the index has never seen with the closest word it has (Damerau-Levenshtein
/// distance over the unstemmed spelling field, nearest first, then the most common).
/// </summary>
internal static class SpellingSuggester
{
    public static string? Correct(IndexReader reader, IReadOnlyList<string> words)
    {
        var terms = MultiFields.GetTerms(reader, SearchFields.Spelling);
        if (terms is null || words.Count == 0)
        {
            return null;
        }

        var changed = false;
        var corrected = new List<string>(words.Count);
        foreach (var word in words)
        {
            var replacement = word.Length < 3 || word.Any(char.IsDigit) || reader.DocFreq(new Term(SearchFields.Spelling, word)) > 0
                ? null
                : Closest(terms, word);
            changed |= replacement is not null;
            corrected.Add(replacement ?? word);
        }

        return changed ? string.Join(' ', corrected) : null;
    }

    private static string? Closest(Terms terms, string word)
    {
        var maxDistance = word.Length <= 4 ? 1 : 2;
        string? best = null;
        var bestDistance = int.MaxValue;
        var bestFrequency = 0;
        var candidates = terms.GetEnumerator();
        while (candidates.MoveNext())
        {
            var candidate = candidates.Term.Utf8ToString();
            if (Math.Abs(candidate.Length - word.Length) > maxDistance)
            {
                continue;
            }

            var distance = Distance(word, candidate, maxDistance);
            var frequency = candidates.DocFreq;
            if (distance < bestDistance || (distance == bestDistance && frequency > bestFrequency))
            {
                (best, bestDistance, bestFrequency) = (candidate, distance, frequency);
            }
        }

        return bestDistance <= maxDistance ? best : null;
    }

    /// <summary>Edits (insert, delete, substitute, swap two neighbours) from one word to the other; above the limit, limit + 1.</summary>
    internal static int Distance(string a, string b, int limit)
    {
        var previous2 = new int[b.Length + 1];
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var rowMinimum = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    current[j] = Math.Min(current[j], previous2[j - 2] + 1);
                }

                rowMinimum = Math.Min(rowMinimum, current[j]);
            }

            if (rowMinimum > limit)
            {
                return limit + 1;
            }

            (previous2, previous, current) = (previous, current, previous2);
        }

        return Math.Min(previous[b.Length], limit + 1);
    }
}
