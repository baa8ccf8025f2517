using SafeguardingSite.Learning.Mail;
using SafeguardingSite.Learning.Model;
using SafeguardingSite.Platform.Contracts;

namespace SafeguardingSite.Learning.Catalogue;

/// <summary>Upcoming sessions for the bulletin and the home page, with absolute links since they go out in mail.</summary>
internal sealed class UpcomingTrainingSource(CatalogueService catalogue, LearningLinks links) : IUpcomingTrainingSource
{
    public async Task<IReadOnlyList<UpcomingTrainingItem>> GetUpcomingAsync(DateTimeOffset from, int take, CancellationToken cancellationToken)
    {
        var sessions = await catalogue.UpcomingAsync(from.UtcDateTime, Math.Clamp(take, 0, 100), cancellationToken);
        return sessions.Select(s => new UpcomingTrainingItem(
            s.Course!.Title,
            links.Absolute(LearningLinks.SessionPath(s.Id)),
            new DateTimeOffset(DateTime.SpecifyKind(s.StartsAt, DateTimeKind.Utc)),
            ModeNames.Of(s.Course.DeliveryMode),
            s.Course.DeliveryMode == DeliveryMode.LiveOnline ? "Online" : s.Venue,
            s.PlacesLeft)).ToList();
    }
}

public static class ModeNames
{
    public static string Of(DeliveryMode mode) => mode switch
    {
        DeliveryMode.FaceToFace => "Face to face",
        DeliveryMode.LiveOnline => "Live online",
        DeliveryMode.ELearning => "E-learning",
        DeliveryMode.PreRecorded => "Pre-recorded",
        _ => mode.ToString(),
    };

    public static string Of(OrganisationSector sector) => sector switch
    {
        OrganisationSector.LocalAuthority => "Local authority",
        OrganisationSector.Health => "Health",
        OrganisationSector.Police => "Police",
        OrganisationSector.Education => "Education",
        OrganisationSector.EarlyYears => "Early years",
        OrganisationSector.VoluntaryCommunity => "Voluntary and community",
        OrganisationSector.Private => "Private",
        _ => "Other",
    };
}
