using System.Net.Mail;

namespace SafeguardingSite.Bulletin.Subscriptions;

/// <summary>What the public form posts. Plain strings so that nothing typed is lost, whatever is wrong with it.</summary>
public sealed class SubscribeForm
{
    /// <summary>The statement shown beside the button; what is stored as the subscriber's consent.</summary>
    public const string ConsentWording =
        "I agree to receive the partnership's e-bulletin and safety alerts by email. " +
        "I can change my choices or unsubscribe at any time using the link in every email.";

    public string? Email { get; set; }
    public string? Name { get; set; }
    public string? ServiceArea { get; set; }
    public string? Organisation { get; set; }
    public List<string> Topics { get; set; } = [];

    /// <summary>Must be ticked: consent is the lawful basis for sending.</summary>
    public bool Consent { get; set; }

    /// <summary>A field people cannot see; anything in it means a bot filled the form in.</summary>
    public string? Website { get; set; }
}

/// <summary>Details a subscriber can change from the preference page.</summary>
public sealed class PreferencesForm
{
    public string? Name { get; set; }
    public string? ServiceArea { get; set; }
    public string? Organisation { get; set; }
    public List<string> Topics { get; set; } = [];
}

/// <summary>Checked details, ready to store.</summary>
public sealed record SubscriberDetails(string Email, string Name, int ServiceAreaId, string? Organisation, IReadOnlyList<int> TopicIds);

public static class SubscriberValidation
{
    /// <summary>Field name → message, in the order the fields appear on the form.</summary>
    public static (SubscriberDetails? Details, IReadOnlyDictionary<string, string> Errors) Validate(
        SubscribeForm form, IReadOnlyList<Model.BulletinChoice> choices)
    {
        ArgumentNullException.ThrowIfNull(form);
        var errors = new Dictionary<string, string>();
        var email = form.Email?.Trim() ?? string.Empty;
        if (email.Length == 0)
        {
            errors[nameof(SubscribeForm.Email)] = "Enter your email address";
        }
        else if (email.Length > BulletinLimits.Email || !IsEmail(email))
        {
            errors[nameof(SubscribeForm.Email)] = "Enter an email address in the correct format, like name@example.org";
        }

        var (details, detailErrors) = ValidateDetails(form.Name, form.ServiceArea, form.Organisation, form.Topics, choices);
        foreach (var (key, message) in detailErrors)
        {
            errors[key] = message;
        }

        if (!form.Consent)
        {
            errors[nameof(SubscribeForm.Consent)] = "Tick the box to agree to receive the e-bulletin";
        }

        return errors.Count > 0 || details is null
            ? (null, errors)
            : (details with { Email = email.ToLowerInvariant() }, errors);
    }

    public static (SubscriberDetails? Details, IReadOnlyDictionary<string, string> Errors) ValidateDetails(
        string? nameInput, string? serviceAreaInput, string? organisationInput, IReadOnlyList<string>? topicInputs,
        IReadOnlyList<Model.BulletinChoice> choices)
    {
        ArgumentNullException.ThrowIfNull(choices);
        var errors = new Dictionary<string, string>();
        var name = nameInput?.Trim() ?? string.Empty;
        if (name.Length == 0)
        {
            errors[nameof(SubscribeForm.Name)] = "Enter your name";
        }
        else if (name.Length > BulletinLimits.Name)
        {
            errors[nameof(SubscribeForm.Name)] = $"Name must be {BulletinLimits.Name} characters or fewer";
        }

        var area = Choose(choices, Model.ChoiceKind.ServiceArea, serviceAreaInput);
        if (area is null)
        {
            errors[nameof(SubscribeForm.ServiceArea)] = "Select the service area you work in";
        }

        var organisation = organisationInput?.Trim();
        if (organisation?.Length > BulletinLimits.Organisation)
        {
            errors[nameof(SubscribeForm.Organisation)] = $"Organisation must be {BulletinLimits.Organisation} characters or fewer";
        }

        var topics = new List<int>();
        foreach (var input in (topicInputs ?? []).Take(BulletinLimits.Topics + 1))
        {
            if (Choose(choices, Model.ChoiceKind.Topic, input) is { } topic)
            {
                topics.Add(topic.Id);
            }
            else
            {
                errors[nameof(SubscribeForm.Topics)] = "Select topics from the list";
            }
        }

        return errors.Count > 0 || area is null
            ? (null, errors)
            : (new SubscriberDetails(string.Empty, name, area.Id, string.IsNullOrEmpty(organisation) ? null : organisation, topics.Distinct().ToList()), errors);
    }

    private static Model.BulletinChoice? Choose(IReadOnlyList<Model.BulletinChoice> choices, Model.ChoiceKind kind, string? input) =>
        int.TryParse(input, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id)
            ? choices.FirstOrDefault(c => c.Kind == kind && c.Id == id && c.IsActive)
            : null;

    public static bool IsEmail(string email)
    {
        // MailAddress accepts display names and comments; a bare address must round-trip unchanged.
        return email.Count(c => c == '@') == 1 && !email.Any(char.IsWhiteSpace) && email.IndexOf('@', StringComparison.Ordinal) > 0
            && MailAddress.TryCreate(email, out var parsed) && parsed.Address == email && parsed.Host.Contains('.', StringComparison.Ordinal);
    }
}
