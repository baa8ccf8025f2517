using Microsoft.EntityFrameworkCore;
using SafeguardingSite.Learning.Charging;
using SafeguardingSite.Learning.ELearning;
using SafeguardingSite.Learning.Evaluation;
using SafeguardingSite.Learning.Model;
using SafeguardingSite.Platform.Data;

namespace SafeguardingSite.Learning.Data;

/// <summary>The learning module's tables. Provider subclasses exist only to keep separate migrations.</summary>
public class LearningDbContext(DbContextOptions options) : DbContext(options)
{
    public const string MigrationsHistoryTable = "__learning_migrations";

    public DbSet<Course> Courses => Set<Course>();
    public DbSet<CourseTopic> CourseTopics => Set<CourseTopic>();
    public DbSet<CourseSession> Sessions => Set<CourseSession>();
    public DbSet<SessionDate> SessionDates => Set<SessionDate>();
    public DbSet<SessionOrganisationPlaces> OrganisationPlaces => Set<SessionOrganisationPlaces>();
    public DbSet<Organisation> Organisations => Set<Organisation>();
    public DbSet<Learner> Learners => Set<Learner>();
    public DbSet<LearnerLink> LearnerLinks => Set<LearnerLink>();
    public DbSet<Booking> Bookings => Set<Booking>();
    public DbSet<SentBookingMail> SentMails => Set<SentBookingMail>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);

        modelBuilder.Entity<Course>(e =>
        {
            e.ToTable("learning_courses");
            e.HasIndex(x => x.Slug).IsUnique();
            e.HasIndex(x => x.IsPublished);
            e.Property(x => x.Title).HasMaxLength(LearningLimits.Title);
            e.Property(x => x.Slug).HasMaxLength(LearningLimits.Slug);
            e.Property(x => x.Summary).HasMaxLength(LearningLimits.Summary);
            e.Property(x => x.LearningOutcomes).HasMaxLength(LearningLimits.LongText);
            e.Property(x => x.Audience).HasMaxLength(LearningLimits.Audience);
            e.Property(x => x.Prerequisites).HasMaxLength(LearningLimits.LongText);
            e.Property(x => x.DeliveryMode).HasConversion<string>().HasMaxLength(20);
            e.HasMany(x => x.Topics).WithOne().HasForeignKey(x => x.CourseId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(x => x.Sessions).WithOne(x => x.Course).HasForeignKey(x => x.CourseId).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<CourseTopic>(e =>
        {
            e.ToTable("learning_course_topics");
            e.Property(x => x.Name).HasMaxLength(LearningLimits.Topic);
            e.HasIndex(x => new { x.CourseId, x.Name }).IsUnique();
            e.HasIndex(x => x.Name);
        });

        modelBuilder.Entity<CourseSession>(e =>
        {
            e.ToTable("learning_sessions");
            e.HasIndex(x => new { x.Status, x.StartsAt });
            e.HasIndex(x => x.CourseId);
            e.Property(x => x.Venue).HasMaxLength(LearningLimits.Venue);
            e.Property(x => x.JoiningLink).HasMaxLength(LearningLimits.Url);
            e.Property(x => x.JoiningInstructions).HasMaxLength(LearningLimits.LongText);
            e.Property(x => x.Trainer).HasMaxLength(LearningLimits.Name);
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
            e.Ignore(x => x.PlacesLeft);
            e.ToTable(t => t.HasCheckConstraint("ck_learning_sessions_places", "\"PlacesTaken\" >= 0 AND \"PlacesTaken\" <= \"Capacity\""));
            e.HasMany(x => x.Dates).WithOne().HasForeignKey(x => x.SessionId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(x => x.Bookings).WithOne(x => x.Session).HasForeignKey(x => x.SessionId).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<SessionDate>(e =>
        {
            e.ToTable("learning_session_dates");
            e.HasIndex(x => new { x.SessionId, x.StartsAt });
        });

        modelBuilder.Entity<SessionOrganisationPlaces>(e =>
        {
            e.ToTable("learning_session_organisation_places");
            e.HasIndex(x => new { x.SessionId, x.OrganisationId }).IsUnique();
            e.ToTable(t => t.HasCheckConstraint("ck_learning_session_organisation_places", "\"PlacesTaken\" >= 0"));
        });

        modelBuilder.Entity<Organisation>(e =>
        {
            e.ToTable("learning_organisations");
            e.HasIndex(x => x.Name).IsUnique();
            e.Property(x => x.Name).HasMaxLength(LearningLimits.Organisation);
            e.Property(x => x.Sector).HasConversion<string>().HasMaxLength(30);
        });

        modelBuilder.Entity<Learner>(e =>
        {
            e.ToTable("learning_learners");
            e.HasIndex(x => x.Email).IsUnique();
            e.HasIndex(x => x.OrganisationId);
            e.Property(x => x.Email).HasMaxLength(LearningLimits.Email);
            e.Property(x => x.ManagerEmail).HasMaxLength(LearningLimits.Email);
            e.Property(x => x.Name).HasMaxLength(LearningLimits.Name);
            e.Property(x => x.JobRole).HasMaxLength(LearningLimits.JobRole);
            e.Property(x => x.WorkArea).HasMaxLength(LearningLimits.WorkArea);
            e.HasOne(x => x.Organisation).WithMany().HasForeignKey(x => x.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<LearnerLink>(e =>
        {
            e.ToTable("learning_learner_links");
            e.HasIndex(x => x.TokenHash).IsUnique();
            e.HasIndex(x => x.LearnerId);
            e.Property(x => x.TokenHash).HasMaxLength(64);
            e.Property(x => x.Purpose).HasConversion<string>().HasMaxLength(20);
            e.HasOne<Learner>().WithMany().HasForeignKey(x => x.LearnerId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<Booking>(e =>
        {
            e.ToTable("learning_bookings");
            e.HasIndex(x => new { x.LearnerId, x.SessionId }).IsUnique();
            e.HasIndex(x => new { x.SessionId, x.Status, x.WaitingSince });
            e.HasIndex(x => new { x.Status, x.OfferExpiresAt });
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.TermsVersion).HasMaxLength(40);
            e.Property(x => x.CancelledBy).HasMaxLength(LearningLimits.Email);
            e.Property(x => x.CancellationReason).HasMaxLength(LearningLimits.Reason);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.Ignore(x => x.HoldsPlace);
            e.HasOne(x => x.Learner).WithMany().HasForeignKey(x => x.LearnerId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Organisation>().WithMany().HasForeignKey(x => x.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<SentBookingMail>(e =>
        {
            e.ToTable("learning_sent_booking_mails");
            e.HasIndex(x => new { x.BookingId, x.Kind }).IsUnique();
            e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(30);
            e.HasOne<Booking>().WithMany().HasForeignKey(x => x.BookingId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.ApplyChargingModel();
        modelBuilder.ApplyELearningModel();
        modelBuilder.ApplyEvaluationModel();
        UtcDateTimeConvention.Apply(modelBuilder);
    }
}

public sealed class SqliteLearningDbContext(DbContextOptions<SqliteLearningDbContext> options) : LearningDbContext(options);

public sealed class PostgresLearningDbContext(DbContextOptions<PostgresLearningDbContext> options) : LearningDbContext(options);
