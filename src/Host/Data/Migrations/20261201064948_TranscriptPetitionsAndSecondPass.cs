using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MeetingAssist.Host.Data.Migrations
{
    /// <inheritdoc />
    public partial class TranscriptPetitionsAndSecondPass : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "PetitionId",
                table: "TranscriptPassages",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ClockStartMs",
                table: "Recordings",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "PassTurnId",
                table: "Recordings",
                type: "INTEGER",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "PetitionId",
                table: "TranscriptPassages");

            migrationBuilder.DropColumn(
                name: "ClockStartMs",
                table: "Recordings");

            migrationBuilder.DropColumn(
                name: "PassTurnId",
                table: "Recordings");
        }
    }
}
