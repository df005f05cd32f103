using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Schakel.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class ThreatIntel : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "StixObjectVersions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    StixId = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Type = table.Column<string>(type: "character varying(250)", maxLength: 250, nullable: false),
                    VersionKey = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Modified = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Created = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    SpecVersion = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    Revoked = table.Column<bool>(type: "boolean", nullable: false),
                    Content = table.Column<string>(type: "text", nullable: false),
                    ContentHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    StoredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StixObjectVersions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ThreatIntelPayloads",
                columns: table => new
                {
                    ItemId = table.Column<Guid>(type: "uuid", nullable: false),
                    Format = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Original = table.Column<byte[]>(type: "bytea", nullable: false),
                    Sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ObjectCount = table.Column<int>(type: "integer", nullable: false),
                    Report = table.Column<string>(type: "text", nullable: true),
                    SourceKey = table.Column<string>(type: "character varying(2048)", maxLength: 2048, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ThreatIntelPayloads", x => x.ItemId);
                    table.ForeignKey(
                        name: "FK_ThreatIntelPayloads_Items_ItemId",
                        column: x => x.ItemId,
                        principalTable: "Items",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ItemStixObjects",
                columns: table => new
                {
                    Sequence = table.Column<long>(type: "bigint", nullable: false),
                    ItemId = table.Column<Guid>(type: "uuid", nullable: false),
                    VersionId = table.Column<long>(type: "bigint", nullable: false),
                    AddedAtMicros = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ItemStixObjects", x => x.Sequence);
                    table.ForeignKey(
                        name: "FK_ItemStixObjects_Items_ItemId",
                        column: x => x.ItemId,
                        principalTable: "Items",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ItemStixObjects_StixObjectVersions_VersionId",
                        column: x => x.VersionId,
                        principalTable: "StixObjectVersions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ItemStixObjects_AddedAtMicros",
                table: "ItemStixObjects",
                column: "AddedAtMicros");

            migrationBuilder.CreateIndex(
                name: "IX_ItemStixObjects_ItemId_VersionId",
                table: "ItemStixObjects",
                columns: new[] { "ItemId", "VersionId" });

            migrationBuilder.CreateIndex(
                name: "IX_ItemStixObjects_VersionId",
                table: "ItemStixObjects",
                column: "VersionId");

            migrationBuilder.CreateIndex(
                name: "IX_StixObjectVersions_StixId_VersionKey",
                table: "StixObjectVersions",
                columns: new[] { "StixId", "VersionKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_StixObjectVersions_Type",
                table: "StixObjectVersions",
                column: "Type");

            migrationBuilder.CreateIndex(
                name: "IX_ThreatIntelPayloads_Sha256",
                table: "ThreatIntelPayloads",
                column: "Sha256");

            migrationBuilder.CreateIndex(
                name: "IX_ThreatIntelPayloads_SourceKey",
                table: "ThreatIntelPayloads",
                column: "SourceKey");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ItemStixObjects");

            migrationBuilder.DropTable(
                name: "ThreatIntelPayloads");

            migrationBuilder.DropTable(
                name: "StixObjectVersions");
        }
    }
}
