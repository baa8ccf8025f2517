using Microsoft.Extensions.Options;

namespace SafeguardingSite.Bulletin;

public sealed class BulletinOptions
{
    public const string SectionName = "Bulletin";

    /// <summary>Absolute base for links in mail (no request to take it from); falls back to Site:PublicBaseUrl.</summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>
    /// Messages per second across all workers, for a provider that limits bursts; empty or 0 sets no limit. Workers wait
    /// out a full second rather than ending their run.
    /// </summary>
    public int? MessagesPerSecond { get; set; }

    /// <summary>Messages per minute across all workers; the mail provider's limit, with room for transactional mail. 0 sets no limit.</summary>
    public int? MessagesPerMinute { get; set; } = 300;

    /// <summary>Messages per hour across all workers, for a provider's hourly quota; empty or 0 sets no limit.</summary>
    public int? MessagesPerHour { get; set; }

    /// <summary>Recipients one worker claims at a time.</summary>
    public int BatchSize { get; set; } = 50;

    /// <summary>How long a claim holds before another worker may take the recipient over (the first worker died).</summary>
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Tries per recipient when the server keeps deferring; each waits longer than the last.</summary>
    public int MaxAttempts { get; set; } = 5;

    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Permanent refusals (5xx) after which an address is suppressed.</summary>
    public int SuppressAfterPermanentFailures { get; set; } = 2;

    public TimeSpan ConfirmationLinkLifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Subscribe requests one IP (by its hash) may make per hour.</summary>
    public int SubscribeRequestsPerHour { get; set; } = 10;

    /// <summary>Key for hashing IP addresses so the raw address is never stored. Set a secret value in production.</summary>
    public string IpHashKey { get; set; } = "northdale-bulletin-ip";

    /// <summary>
    /// The value the mail provider sends in the X-Bulletin-Bounce-Secret header when it reports a bounce. The endpoint
    /// refuses every report while this is empty.
    /// </summary>
    public string? BounceSecret { get; set; }

    /// <summary>Temporary bounces (mailbox full, server down) after which an address is suppressed.</summary>
    public int SuppressAfterSoftBounces { get; set; } = 3;

    /// <summary>An edition pauses itself when, after at least <see cref="AutoPauseMinimumAttempts"/> outcomes, more than this share failed.</summary>
    public double AutoPauseFailureRate { get; set; } = 0.2;

    public int AutoPauseMinimumAttempts { get; set; } = 50;

    /// <summary>The sending limits that are set, each with the span of time it counts over.</summary>
    public IReadOnlyList<SendingRate> SendingRates() => new SendingRate[]
    {
        new(TimeSpan.FromSeconds(1), MessagesPerSecond ?? 0), new(TimeSpan.FromMinutes(1), MessagesPerMinute ?? 0), new(TimeSpan.FromHours(1), MessagesPerHour ?? 0),
    }.Where(r => r.Limit > 0).ToList();
}

/// <summary>At most <paramref name="Limit"/> messages in any span of <paramref name="Window"/>, counted across every node.</summary>
public sealed record SendingRate(TimeSpan Window, int Limit);

/// <summary>Refuses settings that would make sending misbehave, when the site starts rather than at the first send.</summary>
public sealed class BulletinOptionsValidator : IValidateOptions<BulletinOptions>
{
    public ValidateOptionsResult Validate(string? name, BulletinOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        void NotNegative(int? value, string setting)
        {
            if (value < 0)
            {
                problems.Add($"{BulletinOptions.SectionName}:{setting} is {value}; it must be 0 (no limit) or more.");
            }
        }

        NotNegative(options.MessagesPerSecond, nameof(BulletinOptions.MessagesPerSecond));
        NotNegative(options.MessagesPerMinute, nameof(BulletinOptions.MessagesPerMinute));
        NotNegative(options.MessagesPerHour, nameof(BulletinOptions.MessagesPerHour));
        if (options.BatchSize < 1)
        {
            problems.Add($"{BulletinOptions.SectionName}:{nameof(BulletinOptions.BatchSize)} is {options.BatchSize}; it must be 1 or more.");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}

/// <summary>Field lengths, shared by the database model and the validation that reports them.</summary>
public static class BulletinLimits
{
    public const int Email = 254;
    public const int Name = 200;
    public const int Organisation = 200;
    public const int ChoiceName = 100;
    public const int SourceUrl = 500;
    public const int Slug = 120;
    public const int Title = 200;
    public const int Intro = 4000;
    public const int ItemText = 4000;
    public const int Items = 30;
    public const int Url = 1000;
    public const int Topics = 30;
}
