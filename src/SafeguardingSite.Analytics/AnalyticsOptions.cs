namespace SafeguardingSite.Analytics;

/// <summary>Where the client's address comes from: the TCP connection, or a header set by a trusted reverse proxy.</summary>
public enum ClientIpSource
{
    Connection,
    ForwardedHeader,
}

public sealed class AnalyticsOptions
{
    public const string SectionName = "Analytics";

    /// <summary>Off: nothing is recorded and no recording code runs on a request.</summary>
    public bool Enabled { get; set; } = true;

    public ClientIpSource ClientIpSource { get; set; } = ClientIpSource.Connection;

    /// <summary>With <see cref="ClientIpSource.ForwardedHeader"/>: the header whose right-most entry (added by our proxy) is the client.</summary>
    public string ClientIpHeader { get; set; } = "X-Forwarded-For";

    /// <summary>Views waiting to be written; when full, new views are dropped and counted.</summary>
    public int BufferCapacity { get; set; } = 10_000;

    public int BatchSize { get; set; } = 500;

    /// <summary>How long the writer waits to fill a batch before writing what it has.</summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The longest wait between attempts while the database is unavailable.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long raw events are kept; daily totals are kept for good.</summary>
    public int RawRetentionMonths { get; set; } = 13;

    /// <summary>Sections whose views are counted with no visitor hash at all: no tracking of young people.</summary>
    public IList<string> UntrackedSections { get; set; } = ["/children-and-young-people/"];

    /// <summary>A visit ends after this long without a view.</summary>
    public TimeSpan VisitTimeout { get; set; } = TimeSpan.FromMinutes(30);
}
