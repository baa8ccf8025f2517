using Hangfire;

namespace SafeguardingSite.Learning.Mail;

public enum LearningMail
{
    Confirmed,
    ApprovalRequested,
    Waiting,
    PlaceOffered,
    OfferLapsed,
    Cancelled,
}

/// <summary>Booking mail goes out after the change is committed and outside the request, so a slow mail server never holds a place.</summary>
public interface ILearningMailQueue
{
    void Enqueue(LearningMail kind, int bookingId);
}

internal sealed class HangfireLearningMailQueue(IBackgroundJobClient jobs) : ILearningMailQueue
{
    public void Enqueue(LearningMail kind, int bookingId) =>
        jobs.Enqueue<LearningMailJob>(job => job.SendAsync(kind, bookingId, CancellationToken.None));
}
