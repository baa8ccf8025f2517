using MimeKit;

namespace SafeguardingSite.Testing.Smtp;

/// <summary>
/// One message the sink accepted: the envelope as the client gave it (which can differ from the headers, e.g. for
/// Bcc), the parsed message, and which connection carried it.
/// </summary>
public sealed record ReceivedMail(string EnvelopeFrom, IReadOnlyList<string> EnvelopeTo, MimeMessage Message, int ConnectionNumber)
{
    public string Subject => Message.Subject ?? string.Empty;

    public string TextBody => Message.TextBody ?? string.Empty;
}
