using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MeetingAssist.Host.Data.Migrations
{
    /// <inheritdoc />
    public partial class TranscriptEditor : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "TranscriptPassages",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    MeetingId = table.Column<int>(type: "INTEGER", nullable: false),
                    TurnId = table.Column<int>(type: "INTEGER", nullable: true),
                    SpeakerName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    StartMs = table.Column<long>(type: "INTEGER", nullable: false),
                    EndMs = table.Column<long>(type: "INTEGER", nullable: false),
                    Text = table.Column<string>(type: "TEXT", nullable: false),
                    Confidence = table.Column<float>(type: "REAL", nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    EditedByPerson = table.Column<bool>(type: "INTEGER", nullable: false),
                    Mark = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    MachineOffer = table.Column<string>(type: "TEXT", nullable: true),
                    Flag = table.Column<string>(type: "TEXT", nullable: true),
                    LiveSegmentId = table.Column<long>(type: "INTEGER", nullable: true),
                    RecordingSegmentId = table.Column<long>(type: "INTEGER", nullable: true),
                    Removed = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TranscriptPassages", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TranscriptPassages_Meetings_MeetingId",
                        column: x => x.MeetingId,
                        principalTable: "Meetings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "TranscriptRevisions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    MeetingId = table.Column<int>(type: "INTEGER", nullable: false),
                    PassageId = table.Column<long>(type: "INTEGER", nullable: true),
                    Operation = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    BeforeText = table.Column<string>(type: "TEXT", nullable: true),
                    AfterText = table.Column<string>(type: "TEXT", nullable: true),
                    Detail = table.Column<string>(type: "TEXT", nullable: true),
                    By = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    AtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TranscriptRevisions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TranscriptRevisions_Meetings_MeetingId",
                        column: x => x.MeetingId,
                        principalTable: "Meetings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "TranscriptSpeakerNames",
                columns: table => new
                {
                    MeetingId = table.Column<int>(type: "INTEGER", nullable: false),
                    FromName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ToName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TranscriptSpeakerNames", x => new { x.MeetingId, x.FromName });
                    table.ForeignKey(
                        name: "FK_TranscriptSpeakerNames_Meetings_MeetingId",
                        column: x => x.MeetingId,
                        principalTable: "Meetings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_TranscriptPassages_LiveSegmentId",
                table: "TranscriptPassages",
                column: "LiveSegmentId");

            migrationBuilder.CreateIndex(
                name: "IX_TranscriptPassages_MeetingId_StartMs",
                table: "TranscriptPassages",
                columns: new[] { "MeetingId", "StartMs" });

            migrationBuilder.CreateIndex(
                name: "IX_TranscriptRevisions_MeetingId_PassageId",
                table: "TranscriptRevisions",
                columns: new[] { "MeetingId", "PassageId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "TranscriptPassages");

            migrationBuilder.DropTable(
                name: "TranscriptRevisions");

            migrationBuilder.DropTable(
                name: "TranscriptSpeakerNames");
        }
    }
}
