using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace SafeguardingSite.Bulletin.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "bulletin_choices",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    SortOrder = table.Column<int>(type: "integer", nullable: false),
                    IsActive = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_bulletin_choices", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "bulletin_deliveries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    EditionId = table.Column<Guid>(type: "uuid", nullable: false),
                    SubscriberId = table.Column<Guid>(type: "uuid", nullable: false),
                    Priority = table.Column<int>(type: "integer", nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Attempts = table.Column<int>(type: "integer", nullable: false),
                    NextAttemptAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    LeaseOwner = table.Column<Guid>(type: "uuid", nullable: true),
                    LeaseUntil = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    SentAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    LastError = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_bulletin_deliveries", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "bulletin_editions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Slug = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Intro = table.Column<string>(type: "text", nullable: false),
                    Items = table.Column<string>(type: "text", nullable: false),
                    TargetServiceAreaIds = table.Column<string>(type: "text", nullable: false),
                    TargetTopicIds = table.Column<string>(type: "text", nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ScheduledFor = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    SendStartedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    SentAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_bulletin_editions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "bulletin_subscribers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Email = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ServiceAreaId = table.Column<int>(type: "integer", nullable: true),
                    Organisation = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    TopicIds = table.Column<string>(type: "text", nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ConfirmedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    UnsubscribedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ConfirmationRequestedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ConsentWording = table.Column<string>(type: "text", nullable: false),
                    ConsentSourceUrl = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    ConsentIpHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    PermanentFailures = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_bulletin_subscribers", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "bulletin_subscription_events",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SubscriberId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Wording = table.Column<string>(type: "text", nullable: true),
                    SourceUrl = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    IpHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Detail = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_bulletin_subscription_events", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_bulletin_choices_Kind_Name",
                table: "bulletin_choices",
                columns: new[] { "Kind", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_bulletin_deliveries_EditionId_SubscriberId",
                table: "bulletin_deliveries",
                columns: new[] { "EditionId", "SubscriberId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_bulletin_deliveries_LeaseOwner",
                table: "bulletin_deliveries",
                column: "LeaseOwner");

            migrationBuilder.CreateIndex(
                name: "IX_bulletin_deliveries_SentAt",
                table: "bulletin_deliveries",
                column: "SentAt");

            migrationBuilder.CreateIndex(
                name: "IX_bulletin_deliveries_Status_Priority_NextAttemptAt",
                table: "bulletin_deliveries",
                columns: new[] { "Status", "Priority", "NextAttemptAt" });

            migrationBuilder.CreateIndex(
                name: "IX_bulletin_editions_Slug",
                table: "bulletin_editions",
                column: "Slug",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_bulletin_editions_Status_ScheduledFor",
                table: "bulletin_editions",
                columns: new[] { "Status", "ScheduledFor" });

            migrationBuilder.CreateIndex(
                name: "IX_bulletin_subscribers_Email",
                table: "bulletin_subscribers",
                column: "Email",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_bulletin_subscribers_Status",
                table: "bulletin_subscribers",
                column: "Status");

            migrationBuilder.CreateIndex(
                name: "IX_bulletin_subscription_events_IpHash_At",
                table: "bulletin_subscription_events",
                columns: new[] { "IpHash", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_bulletin_subscription_events_SubscriberId",
                table: "bulletin_subscription_events",
                column: "SubscriberId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "bulletin_choices");

            migrationBuilder.DropTable(
                name: "bulletin_deliveries");

            migrationBuilder.DropTable(
                name: "bulletin_editions");

            migrationBuilder.DropTable(
                name: "bulletin_subscribers");

            migrationBuilder.DropTable(
                name: "bulletin_subscription_events");
        }
    }
}
