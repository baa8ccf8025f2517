using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SafeguardingSite.Content.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ManualRedirectTargets : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "CreatedBy",
                table: "content_redirects",
                type: "TEXT",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TargetUrl",
                table: "content_redirects",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "CreatedBy",
                table: "content_redirects");

            migrationBuilder.DropColumn(
                name: "TargetUrl",
                table: "content_redirects");
        }
    }
}
