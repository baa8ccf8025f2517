using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace SafeguardingSite.Learning.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AddEvaluationCertificates : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "learning_certificates",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    BookingId = table.Column<int>(type: "integer", nullable: false),
                    LearnerId = table.Column<int>(type: "integer", nullable: false),
                    SessionId = table.Column<int>(type: "integer", nullable: false),
                    Code = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    LearnerName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    CourseTitle = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    SessionStartsAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    SessionEndsAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    DurationMinutes = table.Column<int>(type: "integer", nullable: false),
                    IssuedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_learning_certificates", x => x.Id);
                    table.ForeignKey(
                        name: "FK_learning_certificates_learning_bookings_BookingId",
                        column: x => x.BookingId,
                        principalTable: "learning_bookings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "learning_evaluation_responses",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    BookingId = table.Column<int>(type: "integer", nullable: false),
                    SessionId = table.Column<int>(type: "integer", nullable: false),
                    CourseId = table.Column<int>(type: "integer", nullable: false),
                    Stage = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Respondent = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    QuestionnaireId = table.Column<int>(type: "integer", nullable: false),
                    SubmittedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_learning_evaluation_responses", x => x.Id);
                    table.ForeignKey(
                        name: "FK_learning_evaluation_responses_learning_bookings_BookingId",
                        column: x => x.BookingId,
                        principalTable: "learning_bookings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "learning_questionnaires",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Stage = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    CourseId = table.Column<int>(type: "integer", nullable: true),
                    Introduction = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_learning_questionnaires", x => x.Id);
                    table.ForeignKey(
                        name: "FK_learning_questionnaires_learning_courses_CourseId",
                        column: x => x.CourseId,
                        principalTable: "learning_courses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "learning_sent_evaluation_mails",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    BookingId = table.Column<int>(type: "integer", nullable: false),
                    Stage = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Respondent = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    SentAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_learning_sent_evaluation_mails", x => x.Id);
                    table.ForeignKey(
                        name: "FK_learning_sent_evaluation_mails_learning_bookings_BookingId",
                        column: x => x.BookingId,
                        principalTable: "learning_bookings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "learning_evaluation_questions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    QuestionnaireId = table.Column<int>(type: "integer", nullable: false),
                    Order = table.Column<int>(type: "integer", nullable: false),
                    Text = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Choices = table.Column<string>(type: "text", nullable: false),
                    IsRequired = table.Column<bool>(type: "boolean", nullable: false),
                    MeasuresConfidence = table.Column<bool>(type: "boolean", nullable: false),
                    ForManager = table.Column<bool>(type: "boolean", nullable: false),
                    IsRetired = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_learning_evaluation_questions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_learning_evaluation_questions_learning_questionnaires_Quest~",
                        column: x => x.QuestionnaireId,
                        principalTable: "learning_questionnaires",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "learning_evaluation_answers",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ResponseId = table.Column<long>(type: "bigint", nullable: false),
                    QuestionId = table.Column<int>(type: "integer", nullable: false),
                    Rating = table.Column<int>(type: "integer", nullable: true),
                    Text = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_learning_evaluation_answers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_learning_evaluation_answers_learning_evaluation_questions_Q~",
                        column: x => x.QuestionId,
                        principalTable: "learning_evaluation_questions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_learning_evaluation_answers_learning_evaluation_responses_R~",
                        column: x => x.ResponseId,
                        principalTable: "learning_evaluation_responses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_learning_certificates_BookingId",
                table: "learning_certificates",
                column: "BookingId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_learning_certificates_Code",
                table: "learning_certificates",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_learning_certificates_LearnerId",
                table: "learning_certificates",
                column: "LearnerId");

            migrationBuilder.CreateIndex(
                name: "IX_learning_evaluation_answers_QuestionId",
                table: "learning_evaluation_answers",
                column: "QuestionId");

            migrationBuilder.CreateIndex(
                name: "IX_learning_evaluation_answers_ResponseId",
                table: "learning_evaluation_answers",
                column: "ResponseId");

            migrationBuilder.CreateIndex(
                name: "IX_learning_evaluation_questions_QuestionnaireId_Order",
                table: "learning_evaluation_questions",
                columns: new[] { "QuestionnaireId", "Order" });

            migrationBuilder.CreateIndex(
                name: "IX_learning_evaluation_responses_BookingId_Stage_Respondent",
                table: "learning_evaluation_responses",
                columns: new[] { "BookingId", "Stage", "Respondent" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_learning_evaluation_responses_CourseId_Stage",
                table: "learning_evaluation_responses",
                columns: new[] { "CourseId", "Stage" });

            migrationBuilder.CreateIndex(
                name: "IX_learning_questionnaires_CourseId",
                table: "learning_questionnaires",
                column: "CourseId");

            migrationBuilder.CreateIndex(
                name: "ix_learning_questionnaires_default",
                table: "learning_questionnaires",
                column: "Stage",
                unique: true,
                filter: "\"CourseId\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_learning_questionnaires_Stage_CourseId",
                table: "learning_questionnaires",
                columns: new[] { "Stage", "CourseId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_learning_sent_evaluation_mails_BookingId_Stage_Respondent",
                table: "learning_sent_evaluation_mails",
                columns: new[] { "BookingId", "Stage", "Respondent" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "learning_certificates");

            migrationBuilder.DropTable(
                name: "learning_evaluation_answers");

            migrationBuilder.DropTable(
                name: "learning_sent_evaluation_mails");

            migrationBuilder.DropTable(
                name: "learning_evaluation_questions");

            migrationBuilder.DropTable(
                name: "learning_evaluation_responses");

            migrationBuilder.DropTable(
                name: "learning_questionnaires");
        }
    }
}
