namespace SafeguardingSite.Platform.Mail;

public sealed class MailOptions
{
    public const string SectionName = "Mail";

    public string Host { get; set; } = "localhost";
    public int Port { get; set; } = 25;
    public bool UseStartTls { get; set; }
    public string? UserName { get; set; }
    public string? Password { get; set; }
    public string FromAddress { get; set; } = "noreply@northdale-scp.example";
    public string FromName { get; set; } = "Northdale Safeguarding Children Partnership";

    /// <summary>An idle SMTP connection is closed after this long rather than held open forever.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Tries per message, the first included, when the server answers 4xx or the connection fails.</summary>
    public int MaxSendAttempts { get; set; } = 4;

    /// <summary>Wait before the first retry; each later retry waits about twice as long (with jitter).</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);
}
