using Microsoft.EntityFrameworkCore;
using SafeguardingSite.Learning.Certificates;
using SafeguardingSite.Learning.ELearning;
using SafeguardingSite.Learning.Model;
using SafeguardingSite.Platform.Data;

namespace SafeguardingSite.Learning.Evaluation;

/// <summary>The tables of evaluation and certificates, added to the learning context by one call.</summary>
public static class EvaluationModelConfiguration
{
    public static void ApplyEvaluationModel(this ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);

        modelBuilder.Entity<Questionnaire>(e =>
        {
            e.ToTable("learning_questionnaires");
            e.Property(x => x.Stage).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.Introduction).HasMaxLength(EvaluationLimits.Introduction);
            e.Property(x => x.UpdatedBy).HasMaxLength(EvaluationLimits.Actor);
            e.HasIndex(x => new { x.Stage, x.CourseId }).IsUnique();

            // NULLs are distinct in a unique index, so the one default per stage needs its own partial index.
            e.HasIndex(x => x.Stage).IsUnique().HasFilter("\"CourseId\" IS NULL").HasDatabaseName("ix_learning_questionnaires_default");
            e.HasOne<Course>().WithMany().HasForeignKey(x => x.CourseId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(x => x.Questions).WithOne().HasForeignKey(x => x.QuestionnaireId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<EvaluationQuestion>(e =>
        {
            e.ToTable("learning_evaluation_questions");
            e.HasIndex(x => new { x.QuestionnaireId, x.Order });
            e.Property(x => x.Text).HasMaxLength(EvaluationLimits.QuestionText);
            e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.Choices).StoredAsJson();
        });

        modelBuilder.Entity<EvaluationResponse>(e =>
        {
            e.ToTable("learning_evaluation_responses");
            e.HasIndex(x => new { x.BookingId, x.Stage, x.Respondent }).IsUnique();
            e.HasIndex(x => new { x.CourseId, x.Stage });
            e.Property(x => x.Stage).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.Respondent).HasConversion<string>().HasMaxLength(20);
            e.HasOne<Booking>().WithMany().HasForeignKey(x => x.BookingId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(x => x.Answers).WithOne().HasForeignKey(x => x.ResponseId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<EvaluationAnswer>(e =>
        {
            e.ToTable("learning_evaluation_answers");
            e.HasIndex(x => x.QuestionId);
            e.Property(x => x.Text).HasMaxLength(EvaluationLimits.Answer);
            e.HasOne<EvaluationQuestion>().WithMany().HasForeignKey(x => x.QuestionId).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<SentEvaluationMail>(e =>
        {
            e.ToTable("learning_sent_evaluation_mails");
            e.HasIndex(x => new { x.BookingId, x.Stage, x.Respondent }).IsUnique();
            e.Property(x => x.Stage).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.Respondent).HasConversion<string>().HasMaxLength(20);
            e.HasOne<Booking>().WithMany().HasForeignKey(x => x.BookingId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<Certificate>(e =>
        {
            e.ToTable("learning_certificates", t => t.HasCheckConstraint("CK_learning_certificates_one_source",
                "(\"BookingId\" IS NULL) <> (\"ELearningCompletionId\" IS NULL)"));
            e.HasIndex(x => x.BookingId).IsUnique();
            e.HasIndex(x => x.ELearningCompletionId).IsUnique();
            e.HasIndex(x => x.Code).IsUnique();
            e.HasIndex(x => x.LearnerId);
            e.Property(x => x.Code).HasMaxLength(CertificateCode.Length);
            e.Property(x => x.LearnerName).HasMaxLength(LearningLimits.Name);
            e.Property(x => x.CourseTitle).HasMaxLength(LearningLimits.Title);
            e.HasOne<Booking>().WithMany().HasForeignKey(x => x.BookingId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<ELearningCompletion>().WithOne().HasForeignKey<Certificate>(x => x.ELearningCompletionId).OnDelete(DeleteBehavior.Restrict);
        });
    }
}
