namespace SafeguardingSite.Platform.Contracts;

/// <summary>A bookable training date as other modules show it (the bulletin's "upcoming training" block, the home page).</summary>
public sealed record UpcomingTrainingItem(string Title, string Url, DateTimeOffset StartsAt, string DeliveryMode, string? Venue, int? PlacesLeft);

/// <summary>
/// Upcoming training dates, supplied by the learning module. Consumers take <c>IEnumerable&lt;IUpcomingTrainingSource&gt;</c>
/// so a site without the learning module still works and simply shows no training.
/// </summary>
public interface IUpcomingTrainingSource
{
    Task<IReadOnlyList<UpcomingTrainingItem>> GetUpcomingAsync(DateTimeOffset from, int take, CancellationToken cancellationToken);
}
