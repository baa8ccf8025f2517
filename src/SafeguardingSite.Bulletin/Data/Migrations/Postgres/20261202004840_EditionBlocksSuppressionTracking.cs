using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace SafeguardingSite.Bulletin.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class EditionBlocksSuppressionTracking : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ConsentBasis",
                table: "bulletin_subscribers",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "SoftBounces",
                table: "bulletin_subscribers",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "Blocks",
                table: "bulletin_editions",
                type: "text",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<bool>(
                name: "TrackingEnabled",
                table: "bulletin_editions",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "bulletin_suppressions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    EmailHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Email = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: true),
                    Reason = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Detail = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_bulletin_suppressions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "bulletin_tracking_events",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    EditionId = table.Column<Guid>(type: "uuid", nullable: false),
                    DeliveryId = table.Column<long>(type: "bigint", nullable: false),
                    Kind = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Url = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_bulletin_tracking_events", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_bulletin_subscribers_CreatedAt",
                table: "bulletin_subscribers",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_bulletin_suppressions_EmailHash",
                table: "bulletin_suppressions",
                column: "EmailHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_bulletin_tracking_events_DeliveryId",
                table: "bulletin_tracking_events",
                column: "DeliveryId");

            migrationBuilder.CreateIndex(
                name: "IX_bulletin_tracking_events_EditionId_Kind",
                table: "bulletin_tracking_events",
                columns: new[] { "EditionId", "Kind" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "bulletin_suppressions");

            migrationBuilder.DropTable(
                name: "bulletin_tracking_events");

            migrationBuilder.DropIndex(
                name: "IX_bulletin_subscribers_CreatedAt",
                table: "bulletin_subscribers");

            migrationBuilder.DropColumn(
                name: "ConsentBasis",
                table: "bulletin_subscribers");

            migrationBuilder.DropColumn(
                name: "SoftBounces",
                table: "bulletin_subscribers");

            migrationBuilder.DropColumn(
                name: "Blocks",
                table: "bulletin_editions");

            migrationBuilder.DropColumn(
                name: "TrackingEnabled",
                table: "bulletin_editions");
        }
    }
}
