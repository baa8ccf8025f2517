using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SafeguardingSite.Learning.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddELearning : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "FirstWaitedAt",
                table: "learning_bookings",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "learning_elearning_attempts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    LearnerId = table.Column<int>(type: "INTEGER", nullable: false),
                    CourseId = table.Column<int>(type: "INTEGER", nullable: false),
                    SubmittedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Correct = table.Column<int>(type: "INTEGER", nullable: false),
                    Questions = table.Column<int>(type: "INTEGER", nullable: false),
                    Passed = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_learning_elearning_attempts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_learning_elearning_attempts_learning_courses_CourseId",
                        column: x => x.CourseId,
                        principalTable: "learning_courses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_learning_elearning_attempts_learning_learners_LearnerId",
                        column: x => x.LearnerId,
                        principalTable: "learning_learners",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "learning_elearning_checks",
                columns: table => new
                {
                    CourseId = table.Column<int>(type: "INTEGER", nullable: false),
                    PassMarkPercent = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_learning_elearning_checks", x => x.CourseId);
                    table.ForeignKey(
                        name: "FK_learning_elearning_checks_learning_courses_CourseId",
                        column: x => x.CourseId,
                        principalTable: "learning_courses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "learning_elearning_modules",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CourseId = table.Column<int>(type: "INTEGER", nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_learning_elearning_modules", x => x.Id);
                    table.ForeignKey(
                        name: "FK_learning_elearning_modules_learning_courses_CourseId",
                        column: x => x.CourseId,
                        principalTable: "learning_courses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "learning_elearning_questions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CourseId = table.Column<int>(type: "INTEGER", nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Options = table.Column<string>(type: "TEXT", maxLength: 1206, nullable: false),
                    CorrectOption = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_learning_elearning_questions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_learning_elearning_questions_learning_courses_CourseId",
                        column: x => x.CourseId,
                        principalTable: "learning_courses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "learning_elearning_completions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    LearnerId = table.Column<int>(type: "INTEGER", nullable: false),
                    CourseId = table.Column<int>(type: "INTEGER", nullable: false),
                    OrganisationId = table.Column<int>(type: "INTEGER", nullable: false),
                    AttemptId = table.Column<long>(type: "INTEGER", nullable: false),
                    CompletedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_learning_elearning_completions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_learning_elearning_completions_learning_courses_CourseId",
                        column: x => x.CourseId,
                        principalTable: "learning_courses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_learning_elearning_completions_learning_elearning_attempts_AttemptId",
                        column: x => x.AttemptId,
                        principalTable: "learning_elearning_attempts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_learning_elearning_completions_learning_learners_LearnerId",
                        column: x => x.LearnerId,
                        principalTable: "learning_learners",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_learning_elearning_completions_learning_organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "learning_organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "learning_elearning_pages",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ModuleId = table.Column<int>(type: "INTEGER", nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    BodyHtml = table.Column<string>(type: "TEXT", maxLength: 50000, nullable: false),
                    VideoUrl = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_learning_elearning_pages", x => x.Id);
                    table.ForeignKey(
                        name: "FK_learning_elearning_pages_learning_elearning_modules_ModuleId",
                        column: x => x.ModuleId,
                        principalTable: "learning_elearning_modules",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "learning_elearning_page_visits",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    LearnerId = table.Column<int>(type: "INTEGER", nullable: false),
                    PageId = table.Column<int>(type: "INTEGER", nullable: false),
                    CompletedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_learning_elearning_page_visits", x => x.Id);
                    table.ForeignKey(
                        name: "FK_learning_elearning_page_visits_learning_elearning_pages_PageId",
                        column: x => x.PageId,
                        principalTable: "learning_elearning_pages",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_learning_elearning_page_visits_learning_learners_LearnerId",
                        column: x => x.LearnerId,
                        principalTable: "learning_learners",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_learning_elearning_attempts_CourseId",
                table: "learning_elearning_attempts",
                column: "CourseId");

            migrationBuilder.CreateIndex(
                name: "IX_learning_elearning_attempts_LearnerId_CourseId",
                table: "learning_elearning_attempts",
                columns: new[] { "LearnerId", "CourseId" });

            migrationBuilder.CreateIndex(
                name: "IX_learning_elearning_completions_AttemptId",
                table: "learning_elearning_completions",
                column: "AttemptId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_learning_elearning_completions_CompletedAt",
                table: "learning_elearning_completions",
                column: "CompletedAt");

            migrationBuilder.CreateIndex(
                name: "IX_learning_elearning_completions_CourseId",
                table: "learning_elearning_completions",
                column: "CourseId");

            migrationBuilder.CreateIndex(
                name: "IX_learning_elearning_completions_LearnerId_CourseId",
                table: "learning_elearning_completions",
                columns: new[] { "LearnerId", "CourseId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_learning_elearning_completions_OrganisationId",
                table: "learning_elearning_completions",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_learning_elearning_modules_CourseId_Position",
                table: "learning_elearning_modules",
                columns: new[] { "CourseId", "Position" });

            migrationBuilder.CreateIndex(
                name: "IX_learning_elearning_page_visits_LearnerId_PageId",
                table: "learning_elearning_page_visits",
                columns: new[] { "LearnerId", "PageId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_learning_elearning_page_visits_PageId",
                table: "learning_elearning_page_visits",
                column: "PageId");

            migrationBuilder.CreateIndex(
                name: "IX_learning_elearning_pages_ModuleId_Position",
                table: "learning_elearning_pages",
                columns: new[] { "ModuleId", "Position" });

            migrationBuilder.CreateIndex(
                name: "IX_learning_elearning_questions_CourseId_Position",
                table: "learning_elearning_questions",
                columns: new[] { "CourseId", "Position" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "learning_elearning_checks");

            migrationBuilder.DropTable(
                name: "learning_elearning_completions");

            migrationBuilder.DropTable(
                name: "learning_elearning_page_visits");

            migrationBuilder.DropTable(
                name: "learning_elearning_questions");

            migrationBuilder.DropTable(
                name: "learning_elearning_attempts");

            migrationBuilder.DropTable(
                name: "learning_elearning_pages");

            migrationBuilder.DropTable(
                name: "learning_elearning_modules");

            migrationBuilder.DropColumn(
                name: "FirstWaitedAt",
                table: "learning_bookings");
        }
    }
}
