using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace SafeguardingSite.Learning.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AddCharging : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "learning_bank_holidays",
                columns: table => new
                {
                    Date = table.Column<DateOnly>(type: "date", nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    IsShipped = table.Column<bool>(type: "boolean", nullable: false),
                    IsRemoved = table.Column<bool>(type: "boolean", nullable: false),
                    ChangedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ChangedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_learning_bank_holidays", x => x.Date);
                });

            migrationBuilder.CreateTable(
                name: "learning_charges",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    BookingId = table.Column<int>(type: "integer", nullable: false),
                    SessionId = table.Column<int>(type: "integer", nullable: false),
                    OrganisationId = table.Column<int>(type: "integer", nullable: false),
                    LearnerId = table.Column<int>(type: "integer", nullable: false),
                    Kind = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    Band = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Days = table.Column<int>(type: "integer", nullable: false),
                    Amount = table.Column<decimal>(type: "numeric(10,2)", precision: 10, scale: 2, nullable: false),
                    PolicyVersionId = table.Column<int>(type: "integer", nullable: false),
                    PolicyVersion = table.Column<int>(type: "integer", nullable: false),
                    PolicySnapshot = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    InvoiceGrouping = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    InvoiceReference = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    SessionStartsAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    RaisedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    RaisedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    WaivedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    WaivedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    WaiverReason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    NotifiedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    NotificationLeaseUntil = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_learning_charges", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "learning_charging_policies",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    EffectiveFrom = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    NoticeWorkingDays = table.Column<int>(type: "integer", nullable: false),
                    HalfDayMaxMinutes = table.Column<int>(type: "integer", nullable: false),
                    HalfDayLateCancellation = table.Column<decimal>(type: "numeric(10,2)", precision: 10, scale: 2, nullable: false),
                    HalfDayNoShow = table.Column<decimal>(type: "numeric(10,2)", precision: 10, scale: 2, nullable: false),
                    FullDayLateCancellation = table.Column<decimal>(type: "numeric(10,2)", precision: 10, scale: 2, nullable: false),
                    FullDayNoShow = table.Column<decimal>(type: "numeric(10,2)", precision: 10, scale: 2, nullable: false),
                    PerDayLateCancellation = table.Column<decimal>(type: "numeric(10,2)", precision: 10, scale: 2, nullable: false),
                    PerDayNoShow = table.Column<decimal>(type: "numeric(10,2)", precision: 10, scale: 2, nullable: false),
                    ExemptOrganisationIds = table.Column<string>(type: "text", nullable: false),
                    ExemptSectors = table.Column<string>(type: "text", nullable: false),
                    InvoiceGrouping = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_learning_charging_policies", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "learning_register_marks",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SessionId = table.Column<int>(type: "integer", nullable: false),
                    BookingId = table.Column<int>(type: "integer", nullable: false),
                    Attendance = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    MarkedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    MarkedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_learning_register_marks", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "learning_registers",
                columns: table => new
                {
                    SessionId = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    ClosedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ClosedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_learning_registers", x => x.SessionId);
                });

            migrationBuilder.CreateTable(
                name: "learning_self_cancellations",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    BookingId = table.Column<int>(type: "integer", nullable: false),
                    CancelledAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    IsLate = table.Column<bool>(type: "boolean", nullable: false),
                    FreeUntil = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    PolicyVersionId = table.Column<int>(type: "integer", nullable: false),
                    QuotedAmount = table.Column<decimal>(type: "numeric(10,2)", precision: 10, scale: 2, nullable: false),
                    Band = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_learning_self_cancellations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "learning_substitutions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    BookingId = table.Column<int>(type: "integer", nullable: false),
                    FromLearnerId = table.Column<int>(type: "integer", nullable: false),
                    ToLearnerId = table.Column<int>(type: "integer", nullable: false),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_learning_substitutions", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_learning_charges_BookingId",
                table: "learning_charges",
                column: "BookingId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_learning_charges_NotifiedAt",
                table: "learning_charges",
                column: "NotifiedAt");

            migrationBuilder.CreateIndex(
                name: "IX_learning_charges_OrganisationId_SessionStartsAt",
                table: "learning_charges",
                columns: new[] { "OrganisationId", "SessionStartsAt" });

            migrationBuilder.CreateIndex(
                name: "IX_learning_charges_Status_SessionStartsAt",
                table: "learning_charges",
                columns: new[] { "Status", "SessionStartsAt" });

            migrationBuilder.CreateIndex(
                name: "IX_learning_charging_policies_EffectiveFrom",
                table: "learning_charging_policies",
                column: "EffectiveFrom");

            migrationBuilder.CreateIndex(
                name: "IX_learning_charging_policies_Version",
                table: "learning_charging_policies",
                column: "Version",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_learning_register_marks_BookingId",
                table: "learning_register_marks",
                column: "BookingId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_learning_register_marks_SessionId",
                table: "learning_register_marks",
                column: "SessionId");

            migrationBuilder.CreateIndex(
                name: "IX_learning_self_cancellations_BookingId",
                table: "learning_self_cancellations",
                column: "BookingId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_learning_substitutions_BookingId",
                table: "learning_substitutions",
                column: "BookingId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "learning_bank_holidays");

            migrationBuilder.DropTable(
                name: "learning_charges");

            migrationBuilder.DropTable(
                name: "learning_charging_policies");

            migrationBuilder.DropTable(
                name: "learning_register_marks");

            migrationBuilder.DropTable(
                name: "learning_registers");

            migrationBuilder.DropTable(
                name: "learning_self_cancellations");

            migrationBuilder.DropTable(
                name: "learning_substitutions");
        }
    }
}
