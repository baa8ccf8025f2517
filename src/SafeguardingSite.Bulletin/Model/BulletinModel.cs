namespace SafeguardingSite.Bulletin.Model;

/// <summary>The two lists editors manage and subscribers choose from.</summary>
public enum ChoiceKind
{
    ServiceArea,
    Topic,
}

/// <summary>One entry of a managed list. Entries are retired rather than deleted so old subscriptions keep their meaning.</summary>
public sealed class BulletinChoice
{
    public int Id { get; set; }
    public ChoiceKind Kind { get; set; }
    public string Name { get; set; } = string.Empty;
    public int SortOrder { get; set; }
    public bool IsActive { get; set; } = true;
}

public enum SubscriberStatus
{
    /// <summary>Asked to subscribe, not yet confirmed by the link in the confirmation mail.</summary>
    Pending,
    Subscribed,
    Unsubscribed,

    /// <summary>Too many permanent delivery failures: never mailed again unless they subscribe afresh.</summary>
    Suppressed,
}

public sealed class Subscriber
{
    public Guid Id { get; set; }

    /// <summary>Trimmed and lower-cased; unique, so one address is one subscriber however it was typed.</summary>
    public string Email { get; set; } = string.Empty;
    public string Name { get; set; } = string.Empty;
    public int? ServiceAreaId { get; set; }
    public string? Organisation { get; set; }
    public List<int> TopicIds { get; set; } = [];
    public SubscriberStatus Status { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? ConfirmedAt { get; set; }
    public DateTime? UnsubscribedAt { get; set; }

    /// <summary>Confirmation links issued before this moment no longer work: only the latest request can be confirmed.</summary>
    public DateTime ConfirmationRequestedAt { get; set; }

    /// <summary>The consent the subscriber gave: the exact statement shown, where and when, and a keyed hash of the IP.</summary>
    public string ConsentWording { get; set; } = string.Empty;
    public string ConsentSourceUrl { get; set; } = string.Empty;
    public string? ConsentIpHash { get; set; }

    /// <summary>The lawful basis when the address came from an import (consent, legitimate-interests); null for the public form.</summary>
    public string? ConsentBasis { get; set; }
    public int PermanentFailures { get; set; }

    /// <summary>Temporary bounces reported since the last successful confirmation; enough of them suppress the address.</summary>
    public int SoftBounces { get; set; }
}

public enum SubscriptionEventKind
{
    Requested,
    Confirmed,
    PreferencesChanged,
    Unsubscribed,
    Suppressed,
    Imported,
    Bounced,
    Unsuppressed,
}

/// <summary>The subscription's history: what the person did, when, from where. Kept as evidence of consent.</summary>
public sealed class SubscriptionEvent
{
    public long Id { get; set; }
    public Guid SubscriberId { get; set; }
    public SubscriptionEventKind Kind { get; set; }
    public DateTime At { get; set; }
    public string? Wording { get; set; }
    public string? SourceUrl { get; set; }
    public string? IpHash { get; set; }
    public string? Detail { get; set; }
}

public enum EditionKind
{
    Monthly,
    Special,
    SafetyAlert,
}

public enum EditionStatus
{
    Draft,
    Scheduled,
    Sending,

    /// <summary>Stopped part-way, by an editor or automatically because too many deliveries failed; workers claim nothing more until it is resumed.</summary>
    Paused,
    Sent,

    /// <summary>Stopped for good by an editor; recipients not yet reached are marked cancelled.</summary>
    Cancelled,
}

public sealed class Edition
{
    public Guid Id { get; set; }
    public string Slug { get; set; } = string.Empty;
    public EditionKind Kind { get; set; }
    public string Title { get; set; } = string.Empty;
    public string Intro { get; set; } = string.Empty;
    public List<EditionItem> Items { get; set; } = [];

    /// <summary>What the back office composes; rendered after <see cref="Items"/>, which the JSON API writes.</summary>
    public List<EditionBlock> Blocks { get; set; } = [];
    public List<int> TargetServiceAreaIds { get; set; } = [];
    public List<int> TargetTopicIds { get; set; } = [];
    public EditionStatus Status { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public DateTime? ScheduledFor { get; set; }
    public DateTime? SendStartedAt { get; set; }
    public DateTime? SentAt { get; set; }

    /// <summary>Count opens and clicks for this edition. Off unless the editor turns it on.</summary>
    public bool TrackingEnabled { get; set; }

    /// <summary>Safety alerts are claimed before anything else waiting to go.</summary>
    public int Priority => Kind == EditionKind.SafetyAlert ? 1 : 0;
}

public sealed class EditionItem
{
    public string Heading { get; set; } = string.Empty;
    public string Text { get; set; } = string.Empty;
    public string? LinkUrl { get; set; }
    public string? LinkText { get; set; }
}

public enum EditionBlockKind
{
    /// <summary>Written in place: a heading and a Markdown body.</summary>
    Article,

    /// <summary>A published page of the site (news, resource, campaign, training) shown by its title, summary and link.</summary>
    SiteContent,

    /// <summary>A heading and Markdown body set apart so it cannot be missed.</summary>
    SafetyMessage,

    /// <summary>The next training dates from the learning module, as they stood when the edition was last saved.</summary>
    UpcomingTraining,
}

/// <summary>
/// One block of an edition. Site content and training are copied in when the edition is saved, so what was previewed
/// is what goes out and the archive keeps showing it after the page or course changes.
/// </summary>
public sealed class EditionBlock
{
    public EditionBlockKind Kind { get; set; }
    public string Heading { get; set; } = string.Empty;

    /// <summary>Markdown for articles and safety messages; the page's summary for site content.</summary>
    public string Body { get; set; } = string.Empty;
    public Guid? ContentKey { get; set; }

    /// <summary>The picked page's public path.</summary>
    public string? Url { get; set; }
    public string? ContentLabel { get; set; }
    public int TrainingCount { get; set; }
    public List<EditionTrainingDate> Training { get; set; } = [];
}

public sealed class EditionTrainingDate
{
    public string Title { get; set; } = string.Empty;
    public string Url { get; set; } = string.Empty;
    public DateTimeOffset StartsAt { get; set; }
    public string DeliveryMode { get; set; } = string.Empty;
    public string? Venue { get; set; }
}

public enum DeliveryStatus
{
    Pending,

    /// <summary>Claimed by a worker until <see cref="Delivery.LeaseUntil"/>; a lapsed lease means the worker died.</summary>
    Sending,
    Sent,
    Failed,

    /// <summary>Not sent because the subscriber left or was suppressed after the send began.</summary>
    Skipped,

    /// <summary>Not sent because an editor cancelled the edition first.</summary>
    Cancelled,
}

/// <summary>One recipient of one edition: unique per (edition, subscriber), the source of truth for what went out.</summary>
public sealed class Delivery
{
    public long Id { get; set; }
    public Guid EditionId { get; set; }
    public Guid SubscriberId { get; set; }
    public int Priority { get; set; }
    public DeliveryStatus Status { get; set; }
    public int Attempts { get; set; }
    public DateTime NextAttemptAt { get; set; }
    public Guid? LeaseOwner { get; set; }
    public DateTime? LeaseUntil { get; set; }
    public DateTime? SentAt { get; set; }
    public string? LastError { get; set; }
}

public enum SuppressionReason
{
    Unsubscribed,
    HardBounce,
    Complaint,
    Manual,

    /// <summary>The person asked to be erased: only the address's hash is kept, so an import cannot bring them back.</summary>
    Erased,
}

/// <summary>
/// An address that must not be mailed or imported. Matched by a keyed hash of the normalised address so an erased
/// person leaves nothing readable behind; the address itself is kept only while its subscriber still exists.
/// </summary>
public sealed class Suppression
{
    public long Id { get; set; }
    public string EmailHash { get; set; } = string.Empty;
    public string? Email { get; set; }
    public SuppressionReason Reason { get; set; }
    public DateTime At { get; set; }
    public string? Detail { get; set; }
}

public enum TrackingKind
{
    Open,
    Click,
}

/// <summary>One open or click of one delivery of an edition whose editor turned tracking on.</summary>
public sealed class TrackingEvent
{
    public long Id { get; set; }
    public Guid EditionId { get; set; }
    public long DeliveryId { get; set; }
    public TrackingKind Kind { get; set; }
    public DateTime At { get; set; }
    public string? Url { get; set; }
}
