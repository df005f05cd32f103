using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Schakel.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Csaf : Migration
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

            migrationBuilder.AddColumn<string>(
                name: "ValidationWarnings",
                table: "Advisories",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "CsafSource",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Url = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: false),
                    OrganisationId = table.Column<int>(type: "INTEGER", nullable: false),
                    PersonId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    Audience = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    MaxTlp = table.Column<int>(type: "INTEGER", nullable: false),
                    IntervalMinutes = table.Column<int>(type: "INTEGER", nullable: false),
                    Enabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    ProtectedToken = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    Cursor = table.Column<long>(type: "INTEGER", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    LastRunAt = table.Column<long>(type: "INTEGER", nullable: true),
                    LastRunOk = table.Column<bool>(type: "INTEGER", nullable: true),
                    LastResult = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CsafSource", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CsafSource_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CsafSourceFailure",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SourceId = table.Column<int>(type: "INTEGER", nullable: false),
                    DocumentUrl = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Message = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    FirstFailedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    LastTriedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CsafSourceFailure", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CsafSourceFailure_CsafSource_SourceId",
                        column: x => x.SourceId,
                        principalTable: "CsafSource",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Advisories_Origin_PublisherNamespace",
                table: "Advisories",
                columns: new[] { "Origin", "PublisherNamespace" });

            migrationBuilder.CreateIndex(
                name: "IX_CsafSource_OrganisationId",
                table: "CsafSource",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_CsafSourceFailure_SourceId_DocumentUrl",
                table: "CsafSourceFailure",
                columns: new[] { "SourceId", "DocumentUrl" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CsafSourceFailure");

            migrationBuilder.DropTable(
                name: "CsafSource");

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

            migrationBuilder.DropColumn(
                name: "ValidationWarnings",
                table: "Advisories");
        }
    }
}
