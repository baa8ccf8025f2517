using MimeKit;
using SafeguardingSite.Learning.Mail;
using SafeguardingSite.Learning.Model;

namespace SafeguardingSite.Learning.Evaluation;

/// <summary>The invitations to the after-course questions and the three-month follow-up, in the module's mail style.</summary>
public sealed class EvaluationMessages(EvaluationLinks links)
{
    public MimeMessage AfterCourse(Booking booking, bool fullAttendance)
    {
        var course = booking.Session!.Course!;
        return LearningMessages.Build(booking.Learner!, new MailContent($"How was {course.Title}?",
            [$"Thank you for coming to {course.Title}, {LearningMessages.Describe(booking.Session)}.",
             "Please answer a few questions about the course, including how confident you feel now. It takes about three minutes.",
             fullAttendance ? "Once you have sent your answers, your certificate of attendance is ready to download." : "Certificates are issued for full attendance, so there is none for this booking."],
            ("Answer the questions", links.Questionnaire(new EvaluationTicket(booking.Id, booking.LearnerId, EvaluationStage.AfterCourse, Respondent.Learner)))));
    }

    public MimeMessage FollowUp(Booking booking)
    {
        var course = booking.Session!.Course!;
        return LearningMessages.Build(booking.Learner!, new MailContent($"Three months on: {course.Title}",
            [$"You attended {course.Title} about three months ago.", "Has it changed how you work? A few questions tell us what difference the training makes for children and families."],
            ("Answer the questions", links.Questionnaire(new EvaluationTicket(booking.Id, booking.LearnerId, EvaluationStage.FollowUp, Respondent.Learner)))));
    }

    /// <summary>The line manager's optional view of the difference the course made.</summary>
    public MimeMessage ManagerFollowUp(Booking booking)
    {
        var learner = booking.Learner!;
        var course = booking.Session!.Course!;
        return LearningMessages.Build(new MailboxAddress(learner.ManagerEmail, learner.ManagerEmail), "Dear manager", new MailContent($"Your view on {learner.Name}'s training",
            [$"{learner.Name} attended {course.Title} about three months ago.", "If you can, tell us in a sentence or two whether you have seen a difference in their practice. Answering is optional."],
            ("Give your view", links.Questionnaire(new EvaluationTicket(booking.Id, booking.LearnerId, EvaluationStage.FollowUp, Respondent.Manager)))), invite: null);
    }
}
