using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MeetingAssist.Host.Data.Migrations
{
    /// <inheritdoc />
    public partial class LiveTranscript : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "LiveSegments",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    MeetingId = table.Column<int>(type: "INTEGER", nullable: false),
                    TurnId = table.Column<int>(type: "INTEGER", nullable: false),
                    SpeakerName = table.Column<string>(type: "TEXT", nullable: false),
                    SpeakerAffiliation = table.Column<string>(type: "TEXT", nullable: false),
                    SpeakerRole = table.Column<string>(type: "TEXT", nullable: false),
                    TurnKind = table.Column<string>(type: "TEXT", nullable: false),
                    StartMs = table.Column<long>(type: "INTEGER", nullable: false),
                    EndMs = table.Column<long>(type: "INTEGER", nullable: false),
                    Text = table.Column<string>(type: "TEXT", nullable: false),
                    Confidence = table.Column<float>(type: "REAL", nullable: false),
                    NoSpeechProbability = table.Column<float>(type: "REAL", nullable: false),
                    VadSpeechRatio = table.Column<double>(type: "REAL", nullable: false),
                    Flag = table.Column<string>(type: "TEXT", nullable: true),
                    ModelName = table.Column<string>(type: "TEXT", nullable: false),
                    Parameters = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LiveSegments", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_LiveSegments_MeetingId_StartMs",
                table: "LiveSegments",
                columns: new[] { "MeetingId", "StartMs" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "LiveSegments");
        }
    }
}
