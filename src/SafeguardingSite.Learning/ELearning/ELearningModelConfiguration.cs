using Microsoft.EntityFrameworkCore;
using SafeguardingSite.Learning.Model;

namespace SafeguardingSite.Learning.ELearning;

/// <summary>The e-learning tables, added to the learning context by one call.</summary>
public static class ELearningModelConfiguration
{
    public static void ApplyELearningModel(this ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);

        modelBuilder.Entity<ELearningModule>(e =>
        {
            e.ToTable("learning_elearning_modules");
            e.HasIndex(x => new { x.CourseId, x.Position });
            e.Property(x => x.Title).HasMaxLength(ELearningLimits.Title);
            e.HasOne<Course>().WithMany().HasForeignKey(x => x.CourseId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(x => x.Pages).WithOne().HasForeignKey(x => x.ModuleId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<ELearningPage>(e =>
        {
            e.ToTable("learning_elearning_pages");
            e.HasIndex(x => new { x.ModuleId, x.Position });
            e.Property(x => x.Title).HasMaxLength(ELearningLimits.Title);
            e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(10);
            e.Property(x => x.BodyHtml).HasMaxLength(ELearningLimits.Body);
            e.Property(x => x.VideoUrl).HasMaxLength(ELearningLimits.Url);
        });

        modelBuilder.Entity<ELearningQuestion>(e =>
        {
            e.ToTable("learning_elearning_questions");
            e.HasIndex(x => new { x.CourseId, x.Position });
            e.Property(x => x.Text).HasMaxLength(ELearningLimits.Question);
            e.Property(x => x.Options).HasMaxLength((ELearningLimits.Option + 1) * ELearningLimits.MaxOptions);
            e.Ignore(x => x.OptionList);
            e.HasOne<Course>().WithMany().HasForeignKey(x => x.CourseId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<ELearningCheck>(e =>
        {
            e.ToTable("learning_elearning_checks");
            e.HasKey(x => x.CourseId);
            e.HasOne<Course>().WithOne().HasForeignKey<ELearningCheck>(x => x.CourseId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<ELearningPageVisit>(e =>
        {
            e.ToTable("learning_elearning_page_visits");
            e.HasIndex(x => new { x.LearnerId, x.PageId }).IsUnique();
            e.HasOne<Learner>().WithMany().HasForeignKey(x => x.LearnerId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<ELearningPage>().WithMany().HasForeignKey(x => x.PageId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<ELearningAttempt>(e =>
        {
            e.ToTable("learning_elearning_attempts");
            e.HasIndex(x => new { x.LearnerId, x.CourseId });
            e.HasOne<Learner>().WithMany().HasForeignKey(x => x.LearnerId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Course>().WithMany().HasForeignKey(x => x.CourseId).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<ELearningCompletion>(e =>
        {
            e.ToTable("learning_elearning_completions");
            e.HasIndex(x => new { x.LearnerId, x.CourseId }).IsUnique();
            e.HasIndex(x => x.CompletedAt);
            e.HasOne<Learner>().WithMany().HasForeignKey(x => x.LearnerId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Course>().WithMany().HasForeignKey(x => x.CourseId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Organisation>().WithMany().HasForeignKey(x => x.OrganisationId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<ELearningAttempt>().WithOne().HasForeignKey<ELearningCompletion>(x => x.AttemptId).OnDelete(DeleteBehavior.Restrict);
        });
    }
}
