using System.Globalization;
using System.Runtime.InteropServices;

namespace SafeguardingSite.Bench;

/// <summary>Collects figures as markdown table rows, printed together at the end so log noise cannot interleave.</summary>
internal sealed class Report
{
    private readonly List<string> machine = [];
    private readonly List<string> rows = [];
    private readonly List<string> notes = [];

    public void Machine()
    {
        var cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        machine.Add($"- CPU: {cpu ?? RuntimeInformation.ProcessArchitecture.ToString()}, {Environment.ProcessorCount} logical cores");
        machine.Add($"- OS: {RuntimeInformation.OSDescription}; {RuntimeInformation.FrameworkDescription}; workstation GC");
        machine.Add($"- Run at {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
    }

    public void Add(string measurement, string provider, string figure, string detail) =>
        rows.Add($"| {measurement} | {provider} | {figure} | {detail} |");

    public void Note(string note) => notes.Add("- " + note);

    public void Print()
    {
        Console.WriteLine();
        Console.WriteLine("## Machine");
        machine.ForEach(Console.WriteLine);
        Console.WriteLine();
        Console.WriteLine("| measurement | database | figure | detail |");
        Console.WriteLine("|---|---|---|---|");
        rows.ForEach(Console.WriteLine);
        Console.WriteLine();
        notes.ForEach(Console.WriteLine);
    }

    public static string Ms(TimeSpan value) => value.TotalMilliseconds.ToString("0.0", CultureInfo.InvariantCulture) + " ms";

    /// <summary>"median 12.3 ms, p95 15.0 ms, max 16.1 ms (n=10)".</summary>
    public static string Spread(IReadOnlyCollection<TimeSpan> samples)
    {
        var sorted = samples.Order().ToList();
        var p95 = sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(sorted.Count * 0.95) - 1)];
        return $"median {Ms(sorted[sorted.Count / 2])}, p95 {Ms(p95)}, max {Ms(sorted[^1])} (n={sorted.Count})";
    }

    public static string Median(IReadOnlyCollection<TimeSpan> samples) => Ms(samples.Order().ElementAt(samples.Count / 2));
}
