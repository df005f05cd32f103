using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Schakel.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class CsafOrigin : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "SourceSignature",
                table: "AdvisoryRevisions",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Origin",
                table: "Advisories",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                defaultValue: "Imported");

            migrationBuilder.AddColumn<string>(
                name: "SourceSignature",
                table: "Advisories",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SourceUrl",
                table: "Advisories",
                type: "TEXT",
                maxLength: 2048,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Advisories_Origin_PublisherNamespace",
                table: "Advisories",
                columns: new[] { "Origin", "PublisherNamespace" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Advisories_Origin_PublisherNamespace",
                table: "Advisories");

            migrationBuilder.DropColumn(
                name: "SourceSignature",
                table: "AdvisoryRevisions");

            migrationBuilder.DropColumn(
                name: "Origin",
                table: "Advisories");

            migrationBuilder.DropColumn(
                name: "SourceSignature",
                table: "Advisories");

            migrationBuilder.DropColumn(
                name: "SourceUrl",
                table: "Advisories");
        }
    }
}
