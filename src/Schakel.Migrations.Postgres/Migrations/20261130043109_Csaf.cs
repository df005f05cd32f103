using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Schakel.Migrations.Postgres.Migrations
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
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Origin",
                table: "Advisories",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "Imported");

            migrationBuilder.AddColumn<string>(
                name: "SourceSignature",
                table: "Advisories",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SourceUrl",
                table: "Advisories",
                type: "character varying(2048)",
                maxLength: 2048,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ValidationWarnings",
                table: "Advisories",
                type: "text",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "CsafSource",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Url = table.Column<string>(type: "character varying(2048)", maxLength: 2048, nullable: false),
                    OrganisationId = table.Column<int>(type: "integer", nullable: false),
                    PersonId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    Audience = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    MaxTlp = table.Column<int>(type: "integer", nullable: false),
                    IntervalMinutes = table.Column<int>(type: "integer", nullable: false),
                    Enabled = table.Column<bool>(type: "boolean", nullable: false),
                    ProtectedToken = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    Cursor = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    LastRunAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    LastRunOk = table.Column<bool>(type: "boolean", nullable: true),
                    LastResult = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
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
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SourceId = table.Column<int>(type: "integer", nullable: false),
                    DocumentUrl = table.Column<string>(type: "character varying(2048)", maxLength: 2048, nullable: false),
                    Kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Message = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Attempts = table.Column<int>(type: "integer", nullable: false),
                    FirstFailedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    LastTriedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
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
