using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SafeguardingSite.Analytics.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ReturningVisitorCookie : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Cookie",
                table: "analytics_events",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Cookie",
                table: "analytics_events");
        }
    }
}
