using SafeguardingSite.Platform.Mail;

namespace SafeguardingSite.Testing.Smtp;

public static class SiteHostMailExtensions
{
    /// <summary>Points the site's mail settings at the sink, so everything the site sends arrives there over real SMTP.</summary>
    public static SiteHost WithMailSink(this SiteHost host, SmtpSink sink)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(sink);
        return host
            .WithSetting($"{MailOptions.SectionName}:{nameof(MailOptions.Host)}", sink.Host)
            .WithSetting($"{MailOptions.SectionName}:{nameof(MailOptions.Port)}", sink.Port.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .WithSetting($"{MailOptions.SectionName}:{nameof(MailOptions.UseStartTls)}", "false")
            .WithSetting($"{MailOptions.SectionName}:{nameof(MailOptions.UserName)}", string.Empty);
    }
}
