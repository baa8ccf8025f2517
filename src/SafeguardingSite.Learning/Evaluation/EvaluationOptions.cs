namespace SafeguardingSite.Learning.Evaluation;

/// <summary>Settings under <c>Learning:Evaluation</c>.</summary>
public sealed class EvaluationOptions
{
    public const string SectionName = "Learning:Evaluation";

    /// <summary>Months after a session's last day that the impact follow-up goes out.</summary>
    public int FollowUpAfterMonths { get; set; } = 3;

    /// <summary>A follow-up this many days overdue (the job was off, the feature new) is no longer sent: the moment has passed.</summary>
    public int FollowUpWindowDays { get; set; } = 30;

    /// <summary>Certificate checks allowed per client address per minute, so codes cannot be tried in bulk.</summary>
    public int VerificationsPerMinute { get; set; } = 20;
}
