using SafeguardingSite.Learning.Bookings;

namespace SafeguardingSite.Learning.Jobs;

/// <summary>Passes places whose hold has run out to the next learner waiting.</summary>
public sealed class OfferExpiryJob(BookingService bookings)
{
    public const string RecurringJobId = "learning-offer-expiry";

    public Task<int> RunAsync(CancellationToken cancellationToken) => bookings.ExpireOffersAsync(cancellationToken);
}
