namespace SafeguardingSite.Learning;

public sealed class LearningOptions
{
    public const string SectionName = "Learning";

    /// <summary>Absolute base for links in mail (no request to take it from); falls back to Site:PublicBaseUrl.</summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>How long a freed place is held for the first waiting learner before it passes to the next.</summary>
    public TimeSpan OfferHold { get; set; } = TimeSpan.FromHours(48);

    /// <summary>Days before a session the reminder goes out.</summary>
    public int ReminderDaysBefore { get; set; } = 14;

    /// <summary>Days before a session the joining instructions go out.</summary>
    public int JoiningInstructionsDaysBefore { get; set; } = 5;

    public TimeSpan ConfirmationLinkLifetime { get; set; } = TimeSpan.FromDays(3);

    public TimeSpan SignInLinkLifetime { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How long a learner stays signed in.</summary>
    public TimeSpan SignInLifetime { get; set; } = TimeSpan.FromDays(14);

    /// <summary>The booking terms learners accept; change it when the terms change so bookings record which they saw.</summary>
    public string TermsVersion { get; set; } = "2026-12";
}

/// <summary>Field lengths, shared by the database model and the validation that reports them.</summary>
public static class LearningLimits
{
    public const int Title = 200;
    public const int Slug = 120;
    public const int Summary = 2000;
    public const int LongText = 4000;
    public const int Audience = 500;
    public const int Topic = 80;
    public const int Topics = 20;
    public const int Venue = 300;
    public const int Url = 1000;
    public const int Name = 200;
    public const int Organisation = 200;
    public const int Email = 254;
    public const int JobRole = 150;
    public const int WorkArea = 150;
    public const int Reason = 500;
    public const int MaxCapacity = 1000;
    public const int MaxDates = 20;
}
