using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SafeguardingSite.Bulletin.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class EditionBlocks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Blocks",
                table: "bulletin_editions",
                type: "TEXT",
                nullable: false,
                defaultValue: "[]");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Blocks",
                table: "bulletin_editions");
        }
    }
}
