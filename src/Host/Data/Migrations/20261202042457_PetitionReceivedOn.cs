using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MeetingAssist.Host.Data.Migrations
{
    /// <inheritdoc />
    public partial class PetitionReceivedOn : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "ReceivedOn",
                table: "Petitions",
                type: "TEXT",
                nullable: false,
                defaultValue: new DateOnly(1, 1, 1));

            // Rows entered before this column was received the day they were entered, in Vietnam time (UTC+7).
            // CreatedUtc is stored as TEXT 'yyyy-MM-dd HH:mm:ss.FFFFFFF' and a DateOnly as TEXT 'yyyy-MM-dd',
            // which is what SQLite's date() reads and writes.
            migrationBuilder.Sql("UPDATE \"Petitions\" SET \"ReceivedOn\" = date(\"CreatedUtc\", '+7 hours') WHERE \"CreatedUtc\" IS NOT NULL;");

            migrationBuilder.CreateIndex(
                name: "IX_Petitions_ReceivedOn",
                table: "Petitions",
                column: "ReceivedOn");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Petitions_ReceivedOn",
                table: "Petitions");

            migrationBuilder.DropColumn(
                name: "ReceivedOn",
                table: "Petitions");
        }
    }
}
