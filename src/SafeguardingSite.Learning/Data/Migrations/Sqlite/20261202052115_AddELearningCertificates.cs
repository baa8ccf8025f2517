using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SafeguardingSite.Learning.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddELearningCertificates : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<DateTime>(
                name: "SessionStartsAt",
                table: "learning_certificates",
                type: "TEXT",
                nullable: true,
                oldClrType: typeof(DateTime),
                oldType: "TEXT");

            migrationBuilder.AlterColumn<int>(
                name: "SessionId",
                table: "learning_certificates",
                type: "INTEGER",
                nullable: true,
                oldClrType: typeof(int),
                oldType: "INTEGER");

            migrationBuilder.AlterColumn<DateTime>(
                name: "SessionEndsAt",
                table: "learning_certificates",
                type: "TEXT",
                nullable: true,
                oldClrType: typeof(DateTime),
                oldType: "TEXT");

            migrationBuilder.AlterColumn<int>(
                name: "BookingId",
                table: "learning_certificates",
                type: "INTEGER",
                nullable: true,
                oldClrType: typeof(int),
                oldType: "INTEGER");

            migrationBuilder.AddColumn<DateTime>(
                name: "CompletedAt",
                table: "learning_certificates",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ELearningCompletionId",
                table: "learning_certificates",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_learning_certificates_ELearningCompletionId",
                table: "learning_certificates",
                column: "ELearningCompletionId",
                unique: true);

            migrationBuilder.AddCheckConstraint(
                name: "CK_learning_certificates_one_source",
                table: "learning_certificates",
                sql: "(\"BookingId\" IS NULL) <> (\"ELearningCompletionId\" IS NULL)");

            migrationBuilder.AddForeignKey(
                name: "FK_learning_certificates_learning_elearning_completions_ELearningCompletionId",
                table: "learning_certificates",
                column: "ELearningCompletionId",
                principalTable: "learning_elearning_completions",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_learning_certificates_learning_elearning_completions_ELearningCompletionId",
                table: "learning_certificates");

            migrationBuilder.DropIndex(
                name: "IX_learning_certificates_ELearningCompletionId",
                table: "learning_certificates");

            migrationBuilder.DropCheckConstraint(
                name: "CK_learning_certificates_one_source",
                table: "learning_certificates");

            migrationBuilder.DropColumn(
                name: "CompletedAt",
                table: "learning_certificates");

            migrationBuilder.DropColumn(
                name: "ELearningCompletionId",
                table: "learning_certificates");

            migrationBuilder.AlterColumn<DateTime>(
                name: "SessionStartsAt",
                table: "learning_certificates",
                type: "TEXT",
                nullable: false,
                defaultValue: new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified),
                oldClrType: typeof(DateTime),
                oldType: "TEXT",
                oldNullable: true);

            migrationBuilder.AlterColumn<int>(
                name: "SessionId",
                table: "learning_certificates",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0,
                oldClrType: typeof(int),
                oldType: "INTEGER",
                oldNullable: true);

            migrationBuilder.AlterColumn<DateTime>(
                name: "SessionEndsAt",
                table: "learning_certificates",
                type: "TEXT",
                nullable: false,
                defaultValue: new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified),
                oldClrType: typeof(DateTime),
                oldType: "TEXT",
                oldNullable: true);

            migrationBuilder.AlterColumn<int>(
                name: "BookingId",
                table: "learning_certificates",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0,
                oldClrType: typeof(int),
                oldType: "INTEGER",
                oldNullable: true);
        }
    }
}
