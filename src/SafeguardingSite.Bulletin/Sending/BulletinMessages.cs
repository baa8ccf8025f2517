using System.Net;
using System.Text;
using MimeKit;
using SafeguardingSite.Bulletin.Editions;
using SafeguardingSite.Bulletin.Model;
using SafeguardingSite.Bulletin.Subscriptions;

namespace SafeguardingSite.Bulletin.Sending;

public enum SubscriptionMail
{
    Confirmation,
    AlreadySubscribed,
}

/// <summary>
/// Builds every bulletin mail with a plain-text and an HTML part from the same source. The HTML is plain semantic
/// markup with inline styles (mail clients drop style sheets): one h1, an h2 per item, dark text on white, underlined
/// links that say where they go, no images that would need describing.
/// </summary>
public sealed class BulletinMessages(BulletinLinks links)
{
    private const string Wrapper = "font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#1b1b1b;background:#ffffff;padding:16px;text-align:left";
    private const string LinkStyle = "color:#0b4f8a;text-decoration:underline";

    public MimeMessage Subscription(Subscriber subscriber, SubscriptionMail kind)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        var (subject, lines, action, actionText) = kind == SubscriptionMail.Confirmation
            ? ("Confirm your e-bulletin subscription",
                new[] { "Thank you for asking to receive the partnership's e-bulletin.", "Please confirm that this is your address by following the link below. If you did not ask to subscribe, ignore this email and nothing will happen." },
                links.Confirm(subscriber.Id, subscriber.ConfirmationRequestedAt), "Confirm my subscription")
            : ("You are already subscribed to the e-bulletin",
                new[] { "Someone, probably you, asked to subscribe this address to the partnership's e-bulletin. You are already subscribed, so nothing has changed.", "You can change your details and topics, or unsubscribe, from your preferences page." },
                links.Preferences(subscriber.Id), "Manage my preferences");

        var text = new StringBuilder().AppendLine($"Dear {subscriber.Name},").AppendLine();
        var html = new StringBuilder($"<h1 style=\"font-size:24px\">{Encode(subject)}</h1><p>Dear {Encode(subscriber.Name)},</p>");
        foreach (var line in lines)
        {
            text.AppendLine(line).AppendLine();
            html.Append($"<p>{Encode(line)}</p>");
        }

        text.AppendLine($"{actionText}: {action}");
        html.Append($"<p><a style=\"{LinkStyle}\" href=\"{Encode(action)}\">{Encode(actionText)}</a></p>");
        return Build(subscriber, subject, text.ToString(), html.ToString(), oneClick: null);
    }

    public MimeMessage Edition(Edition edition, Subscriber subscriber, string archiveUrl, long? deliveryId)
    {
        ArgumentNullException.ThrowIfNull(edition);
        ArgumentNullException.ThrowIfNull(subscriber);
        var preferences = links.Preferences(subscriber.Id);
        var unsubscribe = links.Unsubscribe(subscriber.Id);
        var label = edition.Kind switch
        {
            EditionKind.SafetyAlert => "Urgent safety alert",
            EditionKind.Special => "Special edition",
            _ => "E-bulletin",
        };
        var text = new StringBuilder().AppendLine(label.ToUpperInvariant()).AppendLine(edition.Title).AppendLine().AppendLine(edition.Intro).AppendLine();
        var html = new StringBuilder()
            .Append($"<p style=\"font-size:14px;font-weight:bold;color:{(edition.Kind == EditionKind.SafetyAlert ? "#a4000f" : "#1b1b1b")}\">{Encode(label)}</p>")
            .Append($"<h1 style=\"font-size:26px;margin:0 0 16px\">{Encode(edition.Title)}</h1>")
            .Append(Paragraphs(edition.Intro));
        foreach (var item in edition.Items)
        {
            text.AppendLine(item.Heading).AppendLine(new string('-', Math.Min(item.Heading.Length, 60))).AppendLine(item.Text);
            html.Append($"<h2 style=\"font-size:20px;margin:24px 0 8px\">{Encode(item.Heading)}</h2>").Append(Paragraphs(item.Text));
            if (item.LinkUrl is { Length: > 0 } url)
            {
                var linkText = item.LinkText is { Length: > 0 } t ? t : item.Heading;
                text.AppendLine($"{linkText}: {url}");
                html.Append($"<p><a style=\"{LinkStyle}\" href=\"{Encode(url)}\">{Encode(linkText)}</a></p>");
            }

            text.AppendLine();
        }

        foreach (var block in edition.Blocks)
        {
            AppendBlock(block, text, html);
        }

        text.AppendLine($"Read this on the website: {archiveUrl}")
            .AppendLine($"Change your preferences: {preferences}")
            .AppendLine($"Unsubscribe: {unsubscribe}");
        html.Append("<hr style=\"border:0;border-top:1px solid #6f777b;margin:32px 0 16px\">")
            .Append($"<p style=\"font-size:14px\"><a style=\"{LinkStyle}\" href=\"{Encode(archiveUrl)}\">Read this edition on the website</a></p>")
            .Append($"<p style=\"font-size:14px\">You receive this because you subscribed to the partnership's e-bulletin. ")
            .Append($"<a style=\"{LinkStyle}\" href=\"{Encode(preferences)}\">Change your preferences</a> or ")
            .Append($"<a style=\"{LinkStyle}\" href=\"{Encode(unsubscribe)}\">unsubscribe</a>.</p>");

        var message = Build(subscriber, (edition.Kind == EditionKind.SafetyAlert ? "Urgent safety alert: " : string.Empty) + edition.Title,
            text.ToString(), html.ToString(), links.OneClick(subscriber.Id));
        if (deliveryId is { } id)
        {
            // A stable id per delivery lets a receiving server drop the copy a crash between "sent" and "recorded" can cause.
            message.MessageId = $"bulletin-{id}-{edition.Id:N}@{new Uri(links.BaseUrl).Host}";
        }

        if (edition.Kind == EditionKind.SafetyAlert)
        {
            message.Priority = MessagePriority.Urgent;
        }

        return message;
    }

    private static MimeMessage Build(Subscriber subscriber, string subject, string text, string htmlBody, string? oneClick)
    {
        var message = new MimeMessage { Subject = subject };
        message.To.Add(new MailboxAddress(subscriber.Name, subscriber.Email));
        if (oneClick is not null)
        {
            message.Headers.Add("List-Unsubscribe", $"<{oneClick}>");
            message.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }

        // Layout tables rather than CSS, so clients that ignore styles (and phones) still get one readable column.
        var html = $"<!DOCTYPE html><html lang=\"en-GB\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{Encode(subject)}</title></head>" +
            "<body style=\"margin:0;padding:0;background:#ffffff\"><table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\" style=\"background:#ffffff\"><tr><td align=\"center\">" +
            $"<table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\" style=\"max-width:640px\"><tr><td style=\"{Wrapper}\">{htmlBody}</td></tr></table>" +
            "</td></tr></table></body></html>";
        message.Body = new BodyBuilder { TextBody = text, HtmlBody = html }.ToMessageBody();
        return message;
    }

    /// <summary>The edition as a subscriber would get it, addressed to someone who is not one: previews and test sends.</summary>
    public MimeMessage Preview(Edition edition, string email, bool test)
    {
        var recipient = new Subscriber { Id = Guid.Empty, Email = email, Name = "Preview recipient", Status = SubscriberStatus.Subscribed };
        var message = Edition(edition, recipient, links.Archive(edition.Slug), deliveryId: null);
        if (test)
        {
            message.Subject = "[Test] " + message.Subject;
        }

        return message;
    }

    private void AppendBlock(EditionBlock block, StringBuilder text, StringBuilder html)
    {
        var baseUrl = links.BaseUrl;
        switch (block.Kind)
        {
            case EditionBlockKind.SafetyMessage:
                text.AppendLine("*** SAFETY MESSAGE ***").AppendLine(block.Heading).AppendLine(EditionMarkdown.Text(block.Body, baseUrl)).AppendLine("***").AppendLine();
                html.Append("<table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\" style=\"margin:24px 0;border:4px solid #a4000f\"><tr><td style=\"padding:16px\">")
                    .Append("<p style=\"margin:0 0 8px;font-weight:bold;color:#a4000f\">Safety message</p>")
                    .Append($"<h2 style=\"font-size:20px;margin:0 0 8px\">{Encode(block.Heading)}</h2>")
                    .Append(EditionMarkdown.Html(block.Body, baseUrl, inlineStyles: true))
                    .Append("</td></tr></table>");
                return;
            case EditionBlockKind.SiteContent:
                var url = baseUrl + block.Url;
                var readMore = $"Read \u2018{block.Heading}\u2019 on our website";
                text.AppendLine(block.Heading).AppendLine(Underline(block.Heading)).AppendLine(block.Body).AppendLine($"{readMore}: {url}").AppendLine();
                html.Append(Heading(block.Heading)).Append(Paragraphs(block.Body))
                    .Append($"<p><a style=\"{LinkStyle}\" href=\"{Encode(url)}\">{Encode(readMore)}</a></p>");
                return;
            case EditionBlockKind.UpcomingTraining:
                text.AppendLine(block.Heading).AppendLine(Underline(block.Heading));
                html.Append(Heading(block.Heading));
                if (block.Training.Count == 0)
                {
                    const string None = "No training dates are open for booking just now.";
                    text.AppendLine(None);
                    html.Append($"<p style=\"margin:0 0 12px\">{None}</p>");
                }
                else
                {
                    html.Append("<ul style=\"margin:0 0 12px;padding-left:24px\">");
                    foreach (var date in block.Training)
                    {
                        var when = UkTime.Describe(date.StartsAt) + (date.Venue is { Length: > 0 } venue ? $", {venue}" : string.Empty) + $" ({date.DeliveryMode})";
                        var dateUrl = date.Url.StartsWith('/') ? baseUrl + date.Url : date.Url;
                        text.AppendLine($"* {date.Title}: {when}. Book: {dateUrl}");
                        html.Append($"<li style=\"margin:0 0 8px\"><a style=\"{LinkStyle}\" href=\"{Encode(dateUrl)}\">{Encode(date.Title)}</a>: {Encode(when)}</li>");
                    }

                    html.Append("</ul>");
                }

                text.AppendLine();
                return;
            default:
                text.AppendLine(block.Heading).AppendLine(Underline(block.Heading)).AppendLine(EditionMarkdown.Text(block.Body, baseUrl)).AppendLine();
                html.Append(Heading(block.Heading)).Append(EditionMarkdown.Html(block.Body, baseUrl, inlineStyles: true));
                return;
        }
    }

    private static string Heading(string heading) => $"<h2 style=\"font-size:20px;margin:24px 0 8px\">{Encode(heading)}</h2>";

    private static string Underline(string heading) => new('-', Math.Min(heading.Length, 60));

    private static string Paragraphs(string text) =>
        string.Concat(text.Split(["\r\n\r\n", "\n\n"], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => $"<p style=\"margin:0 0 12px\">{Encode(p).Replace("\n", "<br>", StringComparison.Ordinal)}</p>"));

    private static string Encode(string value) => WebUtility.HtmlEncode(value);
}
