using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MeetingAssist.Host.Data.Migrations
{
    /// <inheritdoc />
    public partial class MeetingDay : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "Archived",
                table: "People",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "Archived",
                table: "Meetings",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "NextSpeakersShown",
                table: "Meetings",
                type: "INTEGER",
                nullable: false,
                defaultValue: 5);

            migrationBuilder.AddColumn<string>(
                name: "ActorRole",
                table: "MeetingActions",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CommandKey",
                table: "MeetingActions",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AboutJson",
                table: "FloorTurns",
                type: "TEXT",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.CreateTable(
                name: "MeetingResponders",
                columns: table => new
                {
                    MeetingId = table.Column<int>(type: "INTEGER", nullable: false),
                    PersonId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MeetingResponders", x => new { x.MeetingId, x.PersonId });
                    table.ForeignKey(
                        name: "FK_MeetingResponders_Meetings_MeetingId",
                        column: x => x.MeetingId,
                        principalTable: "Meetings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_MeetingResponders_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_MeetingActions_MeetingId_CommandKey",
                table: "MeetingActions",
                columns: new[] { "MeetingId", "CommandKey" },
                unique: true,
                filter: "CommandKey IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_MeetingResponders_PersonId",
                table: "MeetingResponders",
                column: "PersonId");

            // Start times were stored as Vietnam wall-clock time; they are instants (UTC) from now on.
            migrationBuilder.Sql("UPDATE Meetings SET ScheduledStart = datetime(ScheduledStart, '-7 hours');");
            // Responders used to be shared by every meeting: keep that list for the meetings that exist.
            migrationBuilder.Sql("INSERT INTO MeetingResponders (MeetingId, PersonId) SELECT m.Id, p.Id FROM Meetings m, People p WHERE p.Role = 'Responder';");
            // Turns recorded before answers could cover several statements belong to their own request.
            migrationBuilder.Sql("UPDATE FloorTurns SET AboutJson = '[' || RequestId || ']' WHERE RequestId IS NOT NULL;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "MeetingResponders");

            migrationBuilder.DropIndex(
                name: "IX_MeetingActions_MeetingId_CommandKey",
                table: "MeetingActions");

            migrationBuilder.DropColumn(
                name: "Archived",
                table: "People");

            migrationBuilder.DropColumn(
                name: "Archived",
                table: "Meetings");

            migrationBuilder.DropColumn(
                name: "NextSpeakersShown",
                table: "Meetings");

            migrationBuilder.DropColumn(
                name: "ActorRole",
                table: "MeetingActions");

            migrationBuilder.DropColumn(
                name: "CommandKey",
                table: "MeetingActions");

            migrationBuilder.DropColumn(
                name: "AboutJson",
                table: "FloorTurns");
        }
    }
}
