using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace SafeguardingSite.Learning.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "learning_courses",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Slug = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    Summary = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    LearningOutcomes = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Level = table.Column<int>(type: "integer", nullable: false),
                    Audience = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Prerequisites = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    DurationMinutes = table.Column<int>(type: "integer", nullable: false),
                    DeliveryMode = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    RefresherMonths = table.Column<int>(type: "integer", nullable: true),
                    RequiresManagerApproval = table.Column<bool>(type: "boolean", nullable: false),
                    IsPublished = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_learning_courses", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "learning_organisations",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Sector = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    IsPartnerAgency = table.Column<bool>(type: "boolean", nullable: false),
                    IsChargeExempt = table.Column<bool>(type: "boolean", nullable: false),
                    IsActive = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_learning_organisations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "learning_session_organisation_places",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SessionId = table.Column<int>(type: "integer", nullable: false),
                    OrganisationId = table.Column<int>(type: "integer", nullable: false),
                    PlacesTaken = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_learning_session_organisation_places", x => x.Id);
                    table.CheckConstraint("ck_learning_session_organisation_places", "\"PlacesTaken\" >= 0");
                });

            migrationBuilder.CreateTable(
                name: "learning_course_topics",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CourseId = table.Column<int>(type: "integer", nullable: false),
                    Name = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_learning_course_topics", x => x.Id);
                    table.ForeignKey(
                        name: "FK_learning_course_topics_learning_courses_CourseId",
                        column: x => x.CourseId,
                        principalTable: "learning_courses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "learning_sessions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CourseId = table.Column<int>(type: "integer", nullable: false),
                    StartsAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    EndsAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Venue = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    JoiningLink = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    JoiningInstructions = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    Trainer = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Capacity = table.Column<int>(type: "integer", nullable: false),
                    PlacesTaken = table.Column<int>(type: "integer", nullable: false),
                    OrganisationQuota = table.Column<int>(type: "integer", nullable: true),
                    BookingOpensAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    BookingClosesAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_learning_sessions", x => x.Id);
                    table.CheckConstraint("ck_learning_sessions_places", "\"PlacesTaken\" >= 0 AND \"PlacesTaken\" <= \"Capacity\"");
                    table.ForeignKey(
                        name: "FK_learning_sessions_learning_courses_CourseId",
                        column: x => x.CourseId,
                        principalTable: "learning_courses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "learning_learners",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Email = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    JobRole = table.Column<string>(type: "character varying(150)", maxLength: 150, nullable: false),
                    OrganisationId = table.Column<int>(type: "integer", nullable: false),
                    WorkArea = table.Column<string>(type: "character varying(150)", maxLength: 150, nullable: false),
                    ManagerEmail = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false),
                    EmailConfirmed = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ConfirmedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    LastSignedInAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_learning_learners", x => x.Id);
                    table.ForeignKey(
                        name: "FK_learning_learners_learning_organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "learning_organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "learning_session_dates",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SessionId = table.Column<int>(type: "integer", nullable: false),
                    StartsAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    EndsAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_learning_session_dates", x => x.Id);
                    table.ForeignKey(
                        name: "FK_learning_session_dates_learning_sessions_SessionId",
                        column: x => x.SessionId,
                        principalTable: "learning_sessions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "learning_bookings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    LearnerId = table.Column<int>(type: "integer", nullable: false),
                    SessionId = table.Column<int>(type: "integer", nullable: false),
                    OrganisationId = table.Column<int>(type: "integer", nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ConfirmedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    CancelledAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    WaitingSince = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    OfferExpiresAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    MovedToBookingId = table.Column<int>(type: "integer", nullable: true),
                    TermsVersion = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    CancelledBy = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: true),
                    CancellationReason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    AddedByAdministrator = table.Column<bool>(type: "boolean", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_learning_bookings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_learning_bookings_learning_learners_LearnerId",
                        column: x => x.LearnerId,
                        principalTable: "learning_learners",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_learning_bookings_learning_organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "learning_organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_learning_bookings_learning_sessions_SessionId",
                        column: x => x.SessionId,
                        principalTable: "learning_sessions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "learning_learner_links",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    LearnerId = table.Column<int>(type: "integer", nullable: false),
                    Purpose = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    TokenHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UsedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_learning_learner_links", x => x.Id);
                    table.ForeignKey(
                        name: "FK_learning_learner_links_learning_learners_LearnerId",
                        column: x => x.LearnerId,
                        principalTable: "learning_learners",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "learning_sent_booking_mails",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    BookingId = table.Column<int>(type: "integer", nullable: false),
                    Kind = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    SentAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_learning_sent_booking_mails", x => x.Id);
                    table.ForeignKey(
                        name: "FK_learning_sent_booking_mails_learning_bookings_BookingId",
                        column: x => x.BookingId,
                        principalTable: "learning_bookings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_learning_bookings_LearnerId_SessionId",
                table: "learning_bookings",
                columns: new[] { "LearnerId", "SessionId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_learning_bookings_OrganisationId",
                table: "learning_bookings",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_learning_bookings_SessionId_Status_WaitingSince",
                table: "learning_bookings",
                columns: new[] { "SessionId", "Status", "WaitingSince" });

            migrationBuilder.CreateIndex(
                name: "IX_learning_bookings_Status_OfferExpiresAt",
                table: "learning_bookings",
                columns: new[] { "Status", "OfferExpiresAt" });

            migrationBuilder.CreateIndex(
                name: "IX_learning_course_topics_CourseId_Name",
                table: "learning_course_topics",
                columns: new[] { "CourseId", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_learning_course_topics_Name",
                table: "learning_course_topics",
                column: "Name");

            migrationBuilder.CreateIndex(
                name: "IX_learning_courses_IsPublished",
                table: "learning_courses",
                column: "IsPublished");

            migrationBuilder.CreateIndex(
                name: "IX_learning_courses_Slug",
                table: "learning_courses",
                column: "Slug",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_learning_learner_links_LearnerId",
                table: "learning_learner_links",
                column: "LearnerId");

            migrationBuilder.CreateIndex(
                name: "IX_learning_learner_links_TokenHash",
                table: "learning_learner_links",
                column: "TokenHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_learning_learners_Email",
                table: "learning_learners",
                column: "Email",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_learning_learners_OrganisationId",
                table: "learning_learners",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_learning_organisations_Name",
                table: "learning_organisations",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_learning_sent_booking_mails_BookingId_Kind",
                table: "learning_sent_booking_mails",
                columns: new[] { "BookingId", "Kind" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_learning_session_dates_SessionId_StartsAt",
                table: "learning_session_dates",
                columns: new[] { "SessionId", "StartsAt" });

            migrationBuilder.CreateIndex(
                name: "IX_learning_session_organisation_places_SessionId_Organisation~",
                table: "learning_session_organisation_places",
                columns: new[] { "SessionId", "OrganisationId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_learning_sessions_CourseId",
                table: "learning_sessions",
                column: "CourseId");

            migrationBuilder.CreateIndex(
                name: "IX_learning_sessions_Status_StartsAt",
                table: "learning_sessions",
                columns: new[] { "Status", "StartsAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "learning_course_topics");

            migrationBuilder.DropTable(
                name: "learning_learner_links");

            migrationBuilder.DropTable(
                name: "learning_sent_booking_mails");

            migrationBuilder.DropTable(
                name: "learning_session_dates");

            migrationBuilder.DropTable(
                name: "learning_session_organisation_places");

            migrationBuilder.DropTable(
                name: "learning_bookings");

            migrationBuilder.DropTable(
                name: "learning_learners");

            migrationBuilder.DropTable(
                name: "learning_sessions");

            migrationBuilder.DropTable(
                name: "learning_organisations");

            migrationBuilder.DropTable(
                name: "learning_courses");
        }
    }
}
