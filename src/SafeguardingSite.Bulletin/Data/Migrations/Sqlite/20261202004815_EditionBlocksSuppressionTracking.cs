using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SafeguardingSite.Bulletin.Data.Migrations.Sqlite
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
                type: "TEXT",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "SoftBounces",
                table: "bulletin_subscribers",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "Blocks",
                table: "bulletin_editions",
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<bool>(
                name: "TrackingEnabled",
                table: "bulletin_editions",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "bulletin_suppressions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    EmailHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Email = table.Column<string>(type: "TEXT", maxLength: 254, nullable: true),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Detail = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_bulletin_suppressions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "bulletin_tracking_events",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    EditionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    DeliveryId = table.Column<long>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Url = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
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
