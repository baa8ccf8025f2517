using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using SafeguardingSite.Bulletin;
using SafeguardingSite.Bulletin.Editions;
using SafeguardingSite.Bulletin.Model;
using SafeguardingSite.Bulletin.Sending;
using SafeguardingSite.Bulletin.Subscribers;
using SafeguardingSite.Bulletin.Subscriptions;
using SafeguardingSite.Content.Published;
using SafeguardingSite.Web.Rendering;

namespace SafeguardingSite.Web.Bulletin;

/// <summary>
/// The bulletin's public pages, each shown inside the published E-bulletin page so the layout, navigation and quick
/// exit are the site's own: subscribing, confirming, preferences, unsubscribing and the archive of editions.
/// </summary>
public sealed class BulletinPagesController(
    IPublishedSnapshotAccessor snapshots,
    IOptions<SiteOptions> options,
    TimeProvider clock,
    BulletinLinks links,
    BulletinLists lists,
    SubscriptionTokens tokens,
    SubscriptionService subscriptions,
    SubscriberDirectory directory,
    EditionService editions) : Controller
{
    public const string FormKey = "BulletinForm";
    public const string MessageKey = "BulletinMessage";
    private const string BulletinTemplate = "~/Views/Templates/bulletinIndex.cshtml";
    private const string MessageView = "~/Views/Bulletin/Message.cshtml";

    [HttpPost(BulletinLinks.SubscribePath)]
    [ValidateAntiForgeryToken]
    public async Task<IActionResult> Subscribe([FromForm] SubscribeForm form, CancellationToken cancellationToken)
    {
        if (Page() is not { } page)
        {
            return NotFound();
        }

        var choices = await lists.AllAsync(cancellationToken);
        var (details, errors) = SubscriberValidation.Validate(form, choices);
        if (details is null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            ViewData[FormKey] = new BulletinFormView(form, errors, choices);
            ViewData["Title"] = "Error: " + page.Content.Name;
            return View(BulletinTemplate, page);
        }

        // A filled-in hidden field means a bot: it gets the same answer as a person and nothing is stored or sent.
        if (!string.IsNullOrEmpty(form.Website))
        {
            return RedirectToAction(nameof(CheckEmail));
        }

        var outcome = await subscriptions.RequestAsync(details, Origin(page.Content.Url), cancellationToken);
        if (outcome == SubscribeOutcome.RateLimited)
        {
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            return Message(page, "Too many requests", "There have been too many subscription requests from your network. Please try again in an hour.");
        }

        return RedirectToAction(nameof(CheckEmail));
    }

    [HttpGet(BulletinLinks.SubscribePath + "/check-email")]
    public IActionResult CheckEmail() => Page() is { } page
        ? Message(page, "Check your email",
            "We have sent an email to the address you gave. Follow the link in it to confirm your subscription. " +
            "If it has not arrived within a few minutes, check your junk or spam folder.")
        : NotFound();

    [HttpGet(BulletinLinks.ConfirmPath)]
    public IActionResult Confirm(string? token) => Page() is not { } page ? NotFound()
        : tokens.ReadConfirmation(token) is null ? InvalidLink(page)
        : Message(page, "Confirm your subscription", "Select the button to start receiving the e-bulletin.",
            new BulletinAction(BulletinLinks.ConfirmPath, token!, "Confirm my subscription"));

    [HttpPost(BulletinLinks.ConfirmPath)]
    [ValidateAntiForgeryToken]
    public async Task<IActionResult> ConfirmPost([FromForm] string? token, CancellationToken cancellationToken)
    {
        if (Page() is not { } page)
        {
            return NotFound();
        }

        if (tokens.ReadConfirmation(token) is not { } link
            || await subscriptions.ConfirmAsync(link.SubscriberId, link.IssuedAt, Origin(BulletinLinks.ConfirmPath), cancellationToken) != ConfirmOutcome.Confirmed)
        {
            return InvalidLink(page, "This confirmation link has expired or has been replaced by a newer one. Subscribe again to get a new link.");
        }

        return Message(page, "You are subscribed", "Thank you. You will receive the next e-bulletin and any urgent safety alerts.");
    }

    [HttpGet(BulletinLinks.PreferencesPath)]
    public async Task<IActionResult> Preferences(string? token, CancellationToken cancellationToken)
    {
        if (Page() is not { } page)
        {
            return NotFound();
        }

        if (tokens.ReadManage(token) is not { } id || await subscriptions.FindAsync(id, cancellationToken) is not { } subscriber)
        {
            return InvalidLink(page);
        }

        var form = new PreferencesForm
        {
            Name = subscriber.Name,
            ServiceArea = subscriber.ServiceAreaId?.ToString(CultureInfo.InvariantCulture),
            Organisation = subscriber.Organisation,
            Topics = subscriber.TopicIds.Select(t => t.ToString(CultureInfo.InvariantCulture)).ToList(),
        };
        return PreferencesView(page, new PreferencesView(token!, subscriber.Email, form, new Dictionary<string, string>(), await lists.AllAsync(cancellationToken), Saved: false));
    }

    [HttpPost(BulletinLinks.PreferencesPath)]
    [ValidateAntiForgeryToken]
    public async Task<IActionResult> PreferencesPost([FromForm] string? token, [FromForm] PreferencesForm form, CancellationToken cancellationToken)
    {
        if (Page() is not { } page)
        {
            return NotFound();
        }

        if (tokens.ReadManage(token) is not { } id || await subscriptions.FindAsync(id, cancellationToken) is not { } subscriber)
        {
            return InvalidLink(page);
        }

        var choices = await lists.AllAsync(cancellationToken);
        var (details, errors) = SubscriberValidation.ValidateDetails(form.Name, form.ServiceArea, form.Organisation, form.Topics, choices);
        if (details is not null)
        {
            await subscriptions.UpdatePreferencesAsync(id, details, Origin(BulletinLinks.PreferencesPath), cancellationToken);
        }
        else
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        return PreferencesView(page, new PreferencesView(token!, subscriber.Email, form, errors, choices, Saved: details is not null));
    }

    [HttpGet(BulletinLinks.UnsubscribePath)]
    public IActionResult Unsubscribe(string? token) => Page() is not { } page ? NotFound()
        : tokens.ReadManage(token) is null ? InvalidLink(page)
        : Message(page, "Unsubscribe from the e-bulletin", "Select the button and we will stop sending you the e-bulletin straight away.",
            new BulletinAction(BulletinLinks.UnsubscribePath, token!, "Unsubscribe"));

    [HttpPost(BulletinLinks.UnsubscribePath)]
    [ValidateAntiForgeryToken]
    public async Task<IActionResult> UnsubscribePost([FromForm] string? token, CancellationToken cancellationToken)
    {
        if (Page() is not { } page)
        {
            return NotFound();
        }

        return tokens.ReadManage(token) is { } id && await subscriptions.UnsubscribeAsync(id, Origin(BulletinLinks.UnsubscribePath), "link", cancellationToken)
            ? Message(page, "You have unsubscribed", "You will not receive the e-bulletin any more. You can subscribe again at any time from the E-bulletin page.")
            : InvalidLink(page);
    }

    /// <summary>Everything held about the person, as a JSON download. A POST, so a link scanner cannot fetch it.</summary>
    [HttpPost(BulletinLinks.MyDataPath)]
    [ValidateAntiForgeryToken]
    public async Task<IActionResult> MyData([FromForm] string? token, CancellationToken cancellationToken)
    {
        if (Page() is not { } page)
        {
            return NotFound();
        }

        return tokens.ReadManage(token) is { } id && await directory.DataExportAsync(id, await lists.AllAsync(cancellationToken), cancellationToken) is { } data
            ? File(SubscriberDirectory.ToJsonFile(data), "application/json", "my-e-bulletin-data.json")
            : InvalidLink(page);
    }

    [HttpGet(BulletinLinks.ErasePath)]
    public IActionResult Erase(string? token) => Page() is not { } page ? NotFound()
        : tokens.ReadManage(token) is null ? InvalidLink(page)
        : Message(page, "Erase your e-bulletin data",
            "Select the button and we will delete your details, your subscription history and the record of what we sent you. This cannot be undone. " +
            "We keep only a scrambled form of your address so that nobody can add you back to the list from another file; you can still subscribe again yourself.",
            new BulletinAction(BulletinLinks.ErasePath, token!, "Erase my data"));

    [HttpPost(BulletinLinks.ErasePath)]
    [ValidateAntiForgeryToken]
    public async Task<IActionResult> ErasePost([FromForm] string? token, CancellationToken cancellationToken)
    {
        if (Page() is not { } page)
        {
            return NotFound();
        }

        if (tokens.ReadManage(token) is not { } id)
        {
            return InvalidLink(page);
        }

        // A second press finds nothing left to erase, which is the same outcome.
        await directory.EraseAsync(id, "self-service", cancellationToken);
        return Message(page, "Your data has been erased", "We have deleted your e-bulletin details and you will not receive the e-bulletin any more.");
    }

    [HttpGet("{section:" + BulletinSectionConstraint.Name + "}/archive/")]
    public async Task<IActionResult> Archive(CancellationToken cancellationToken)
    {
        if (Page() is not { } page)
        {
            return NotFound();
        }

        if (!(Request.Path.Value ?? string.Empty).EndsWith('/'))
        {
            return RedirectPermanent(links.ArchivePath());
        }

        ViewData["Title"] = "Past editions";
        ViewData["Editions"] = await editions.ArchiveAsync(cancellationToken);
        return View("~/Views/Bulletin/Archive.cshtml", page);
    }

    [HttpGet("{section:" + BulletinSectionConstraint.Name + "}/archive/{slug}/")]
    public async Task<IActionResult> Edition(string slug, CancellationToken cancellationToken)
    {
        if (Page() is not { } page)
        {
            return NotFound();
        }

        if (slug.Length > BulletinLimits.Slug || await editions.ArchivedAsync(slug, cancellationToken) is not { } edition)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Message(page, "Edition not found", "There is no published edition at this address. See the list of past editions.");
        }

        if (!(Request.Path.Value ?? string.Empty).EndsWith('/'))
        {
            return RedirectPermanent(links.ArchivePath(slug));
        }

        ViewData["Title"] = edition.Title;
        ViewData["Edition"] = edition;
        return View("~/Views/Bulletin/Edition.cshtml", page);
    }

    private SitePage? Page()
    {
        var snapshot = snapshots.Current;
        if (links.BulletinPage is not { } content)
        {
            return null;
        }

        var canonical = options.Value.BaseUrlFor(Request) + (Request.Path.Value ?? content.Url);
        return new SitePage(content, snapshot, options.Value, clock.GetUtcNow().UtcDateTime, canonical, Request.Query);
    }

    private RequestOrigin Origin(string path) =>
        new(path.Length > BulletinLimits.SourceUrl ? path[..BulletinLimits.SourceUrl] : path, subscriptions.HashIp(HttpContext.Connection.RemoteIpAddress?.ToString()));

    private ViewResult Message(SitePage page, string heading, string text, BulletinAction? action = null)
    {
        ViewData["Title"] = heading;
        ViewData[MessageKey] = new BulletinMessageView(heading, text, action);
        return View(MessageView, page);
    }

    private ViewResult InvalidLink(SitePage page, string? text = null)
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Message(page, "This link is not valid", text ?? "The link may be incomplete or out of date. Copy the whole link from the email, or subscribe again from the E-bulletin page.");
    }

    private ViewResult PreferencesView(SitePage page, PreferencesView model)
    {
        ViewData["Title"] = "Your e-bulletin preferences";
        ViewData["Preferences"] = model;
        return View("~/Views/Bulletin/Preferences.cshtml", page);
    }
}

public sealed record BulletinAction(string Path, string Token, string ButtonText);

public sealed record BulletinMessageView(string Heading, string Text, BulletinAction? Action);

/// <summary>The subscribe form as shown: what was typed, what is wrong with it, and the lists to choose from.</summary>
public sealed record BulletinFormView(SubscribeForm Form, IReadOnlyDictionary<string, string> Errors, IReadOnlyList<BulletinChoice> Choices)
{
    public IEnumerable<BulletinChoice> ServiceAreas => Choices.Where(c => c.Kind == ChoiceKind.ServiceArea && c.IsActive);
    public IEnumerable<BulletinChoice> Topics => Choices.Where(c => c.Kind == ChoiceKind.Topic && c.IsActive);
}

public sealed record PreferencesView(
    string Token, string Email, PreferencesForm Form, IReadOnlyDictionary<string, string> Errors, IReadOnlyList<BulletinChoice> Choices, bool Saved)
{
    public IEnumerable<BulletinChoice> ServiceAreas => Choices.Where(c => c.Kind == ChoiceKind.ServiceArea && c.IsActive);
    public IEnumerable<BulletinChoice> Topics => Choices.Where(c => c.Kind == ChoiceKind.Topic && c.IsActive);
}

/// <summary>The fields the subscribe and preference forms share.</summary>
public sealed record DetailsFieldsView(
    string? Name, string? ServiceArea, string? Organisation, IReadOnlyList<string> SelectedTopics, IReadOnlyDictionary<string, string> Errors,
    IEnumerable<BulletinChoice> ServiceAreas, IEnumerable<BulletinChoice> Topics);
