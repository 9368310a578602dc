using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MeetingAssist.Host.Data.Migrations
{
    /// <inheritdoc />
    public partial class FloorPetitionCommandKeys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "CommandKey",
                table: "PetitionHistory",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_PetitionHistory_CommandKey",
                table: "PetitionHistory",
                column: "CommandKey",
                unique: true,
                filter: "CommandKey IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_PetitionHistory_CommandKey",
                table: "PetitionHistory");

            migrationBuilder.DropColumn(
                name: "CommandKey",
                table: "PetitionHistory");
        }
    }
}
