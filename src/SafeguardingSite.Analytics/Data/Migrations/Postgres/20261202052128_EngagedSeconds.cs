using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SafeguardingSite.Analytics.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class EngagedSeconds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "EngagedSeconds",
                table: "analytics_events",
                type: "integer",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "EngagedSeconds",
                table: "analytics_events");
        }
    }
}
