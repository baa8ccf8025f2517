using MimeKit;

namespace SafeguardingSite.Platform.Mail;

/// <summary>Sends one message. Implementations reuse their SMTP connection between calls.</summary>
public interface IMailSender
{
    Task SendAsync(MimeMessage message, CancellationToken cancellationToken = default);
}
