namespace SafeguardingSite.Platform.Mail;

/// <summary>
/// A message could not be delivered to the SMTP server. <see cref="IsPermanent"/> separates a refusal that will not
/// change on a later try (5xx: bad address, policy) from a server that stayed unavailable through every retry.
/// </summary>
public sealed class MailDeliveryException : Exception
{
    public MailDeliveryException()
    {
    }

    public MailDeliveryException(string message)
        : base(message)
    {
    }

    public MailDeliveryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public MailDeliveryException(string message, int? statusCode, bool isPermanent, string? mailbox, Exception innerException)
        : base(message, innerException)
    {
        StatusCode = statusCode;
        IsPermanent = isPermanent;
        Mailbox = mailbox;
    }

    /// <summary>The SMTP reply code, when the server answered; null when it could not be reached at all.</summary>
    public int? StatusCode { get; }

    public bool IsPermanent { get; }

    /// <summary>The sender or recipient the server refused, when the refusal was about one address.</summary>
    public string? Mailbox { get; }
}
