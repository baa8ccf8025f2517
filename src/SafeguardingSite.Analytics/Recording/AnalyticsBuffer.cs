using System.Threading.Channels;
using Microsoft.Extensions.Options;
using SafeguardingSite.Analytics.Data;

namespace SafeguardingSite.Analytics.Recording;

/// <summary>
/// A view as taken from the request, waiting for the writer. The IP address and user agent live only here, in memory,
/// until the writer turns them into the day's hash; they never reach the database.
/// </summary>
internal sealed record RecordedView(
    DateTime At,
    AnalyticsEventKind Kind,
    string Path,
    string? Section,
    string? IpAddress,
    string UserAgent,
    string Site,
    bool Anonymous,
    string? ReferrerHost,
    string? UtmSource,
    string? UtmCampaign,
    DeviceClass Device,
    VisitorCookie Cookie = VisitorCookie.None,
    string? SearchTerm = null,
    int? SearchResults = null,
    int? EngagedSeconds = null);

/// <summary>The bounded hand-over between requests and the writer. A request never waits: when full, the view is dropped and counted.</summary>
public sealed class AnalyticsBuffer
{
    private readonly Channel<RecordedView> channel;
    private long dropped;
    private long accepted;

    public AnalyticsBuffer(IOptions<AnalyticsOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Capacity = Math.Max(1, options.Value.BufferCapacity);
        channel = Channel.CreateBounded<RecordedView>(new BoundedChannelOptions(Capacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
            SingleWriter = false,
        });
    }

    public int Capacity { get; }

    public long Dropped => Interlocked.Read(ref dropped);

    public long Accepted => Interlocked.Read(ref accepted);

    public int Waiting => channel.Reader.Count;

    internal ChannelReader<RecordedView> Reader => channel.Reader;

    internal void Add(RecordedView view)
    {
        if (channel.Writer.TryWrite(view))
        {
            Interlocked.Increment(ref accepted);
        }
        else
        {
            Interlocked.Increment(ref dropped);
        }
    }
}
