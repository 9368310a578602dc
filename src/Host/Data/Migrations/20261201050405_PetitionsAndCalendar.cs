using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace MeetingAssist.Host.Data.Migrations
{
    /// <inheritdoc />
    public partial class PetitionsAndCalendar : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AnswerTemplates",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Field = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Text = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AnswerTemplates", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "CalendarOverrides",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    IsDayOff = table.Column<bool>(type: "INTEGER", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CalendarOverrides", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DepartmentAccounts",
                columns: table => new
                {
                    UserId = table.Column<int>(type: "INTEGER", nullable: false),
                    Department = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DepartmentAccounts", x => x.UserId);
                    table.ForeignKey(
                        name: "FK_DepartmentAccounts_Users_UserId",
                        column: x => x.UserId,
                        principalTable: "Users",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Petitions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Petitioner = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Address = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Field = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Level = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Urgency = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Content = table.Column<string>(type: "TEXT", nullable: false),
                    Department = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Answer = table.Column<string>(type: "TEXT", nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    MeetingId = table.Column<int>(type: "INTEGER", nullable: true),
                    PlanId = table.Column<int>(type: "INTEGER", nullable: true),
                    StaffNotes = table.Column<string>(type: "TEXT", nullable: false),
                    FloorTurnId = table.Column<int>(type: "INTEGER", nullable: true),
                    AudioMs = table.Column<long>(type: "INTEGER", nullable: true),
                    DueDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    DueFrom = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    DueDays = table.Column<int>(type: "INTEGER", nullable: true),
                    DueCountKind = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    DueExplanation = table.Column<string>(type: "TEXT", nullable: true),
                    ExtensionReason = table.Column<string>(type: "TEXT", nullable: true),
                    CreatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    AnsweredOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ResolvedOn = table.Column<DateOnly>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Petitions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Plans",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    OrganisingBody = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Rules_AnswersWorkingDaysBefore = table.Column<int>(type: "INTEGER", nullable: false),
                    Rules_ConclusionComplexWorkingDays = table.Column<int>(type: "INTEGER", nullable: false),
                    Rules_ConclusionWorkingDays = table.Column<int>(type: "INTEGER", nullable: false),
                    Rules_DepartmentAnswerWorkingDays = table.Column<int>(type: "INTEGER", nullable: false),
                    Rules_NoticeCountKind = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Rules_NoticeDaysBefore = table.Column<int>(type: "INTEGER", nullable: false),
                    Rules_ReportWorkingDays = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Plans", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "PublicOpinions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Address = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Field = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Content = table.Column<string>(type: "TEXT", nullable: false),
                    MeetingId = table.Column<int>(type: "INTEGER", nullable: true),
                    SubmittedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Review = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ReviewedBy = table.Column<string>(type: "TEXT", nullable: true),
                    ReviewNote = table.Column<string>(type: "TEXT", nullable: true),
                    PetitionId = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PublicOpinions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "PetitionHistory",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PetitionId = table.Column<int>(type: "INTEGER", nullable: false),
                    AtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    By = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    From = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    To = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    Note = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PetitionHistory", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PetitionHistory_Petitions_PetitionId",
                        column: x => x.PetitionId,
                        principalTable: "Petitions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PlanMeetings",
                columns: table => new
                {
                    MeetingId = table.Column<int>(type: "INTEGER", nullable: false),
                    PlanId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PlanMeetings", x => x.MeetingId);
                    table.ForeignKey(
                        name: "FK_PlanMeetings_Meetings_MeetingId",
                        column: x => x.MeetingId,
                        principalTable: "Meetings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_PlanMeetings_Plans_PlanId",
                        column: x => x.PlanId,
                        principalTable: "Plans",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.InsertData(
                table: "CalendarOverrides",
                columns: new[] { "Id", "Date", "IsDayOff", "Reason" },
                values: new object[,]
                {
                    { 1, new DateOnly(2026, 1, 2), true, "Nghỉ liền Tết Dương lịch, làm bù Thứ Bảy 10/01/2026" },
                    { 2, new DateOnly(2026, 1, 10), false, "Làm bù cho ngày nghỉ Thứ Sáu 02/01/2026" },
                    { 3, new DateOnly(2026, 8, 22), false, "Làm bù cho ngày nghỉ Thứ Hai 31/08/2026" },
                    { 4, new DateOnly(2026, 8, 31), true, "Nghỉ liền Quốc khánh, làm bù Thứ Bảy 22/08/2026" }
                });

            migrationBuilder.CreateIndex(
                name: "IX_AnswerTemplates_Field",
                table: "AnswerTemplates",
                column: "Field",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CalendarOverrides_Date",
                table: "CalendarOverrides",
                column: "Date",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PetitionHistory_PetitionId",
                table: "PetitionHistory",
                column: "PetitionId");

            migrationBuilder.CreateIndex(
                name: "IX_Petitions_Department_Status",
                table: "Petitions",
                columns: new[] { "Department", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Petitions_Field",
                table: "Petitions",
                column: "Field");

            migrationBuilder.CreateIndex(
                name: "IX_Petitions_MeetingId",
                table: "Petitions",
                column: "MeetingId");

            migrationBuilder.CreateIndex(
                name: "IX_Petitions_Status_DueDate",
                table: "Petitions",
                columns: new[] { "Status", "DueDate" });

            migrationBuilder.CreateIndex(
                name: "IX_PlanMeetings_PlanId",
                table: "PlanMeetings",
                column: "PlanId");

            migrationBuilder.CreateIndex(
                name: "IX_PublicOpinions_Review",
                table: "PublicOpinions",
                column: "Review");

            // The list is ordered by due date with undated rows last; SQLite walks this expression index instead of
            // sorting every matching row (PetitionBench: p50 105 → 47 ms on 50,000 rows). EF cannot model it.
            migrationBuilder.Sql("CREATE INDEX \"IX_Petitions_DueOrder\" ON \"Petitions\" (\"DueDate\" IS NULL, \"DueDate\", \"Id\");");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AnswerTemplates");

            migrationBuilder.DropTable(
                name: "CalendarOverrides");

            migrationBuilder.DropTable(
                name: "DepartmentAccounts");

            migrationBuilder.DropTable(
                name: "PetitionHistory");

            migrationBuilder.DropTable(
                name: "PlanMeetings");

            migrationBuilder.DropTable(
                name: "PublicOpinions");

            migrationBuilder.DropTable(
                name: "Petitions");

            migrationBuilder.DropTable(
                name: "Plans");
        }
    }
}
