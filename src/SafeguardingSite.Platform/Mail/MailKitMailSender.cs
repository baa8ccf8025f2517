using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace SafeguardingSite.Platform.Mail;

/// <summary>
/// Sends over SMTP with MailKit, keeping one authenticated connection open between messages: opening a TLS session
/// per message costs more than the message itself when a bulletin goes to a thousand people.
/// </summary>
public sealed class MailKitMailSender(IOptions<MailOptions> options, TimeProvider clock) : IMailSender, IDisposable
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly SmtpClient client = new();
    private DateTimeOffset lastUsed;

    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var settings = options.Value;
        if (message.From.Count == 0)
        {
            message.From.Add(new MailboxAddress(settings.FromName, settings.FromAddress));
        }

        await gate.WaitAsync(cancellationToken);
        try
        {
            await EnsureConnectedAsync(settings, cancellationToken);
            try
            {
                await client.SendAsync(message, cancellationToken);
            }
            catch (Exception ex) when (ex is ServiceNotConnectedException or IOException)
            {
                // The server closed an idle connection under us: reconnect once and resend.
                await client.DisconnectAsync(false, CancellationToken.None).ConfigureAwait(false);
                await EnsureConnectedAsync(settings, cancellationToken);
                await client.SendAsync(message, cancellationToken);
            }

            lastUsed = clock.GetUtcNow();
        }
        catch (SmtpCommandException)
        {
            // A rejected message leaves the connection usable; callers decide what a rejection means.
            throw;
        }
        catch
        {
            if (client.IsConnected)
            {
                await client.DisconnectAsync(false, CancellationToken.None);
            }

            throw;
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task EnsureConnectedAsync(MailOptions settings, CancellationToken cancellationToken)
    {
        if (client.IsConnected && clock.GetUtcNow() - lastUsed > settings.IdleTimeout)
        {
            await client.DisconnectAsync(true, cancellationToken);
        }

        if (client.IsConnected)
        {
            return;
        }

        await client.ConnectAsync(settings.Host, settings.Port,
            settings.UseStartTls ? SecureSocketOptions.StartTls : SecureSocketOptions.None, cancellationToken);
        if (!string.IsNullOrEmpty(settings.UserName))
        {
            await client.AuthenticateAsync(settings.UserName, settings.Password ?? string.Empty, cancellationToken);
        }
    }

    public void Dispose()
    {
        client.Dispose();
        gate.Dispose();
    }
}
