using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Schakel.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class SharingChain : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "ForwardId",
                table: "DeliveryRoutes",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "AuditRecords",
                columns: table => new
                {
                    Sequence = table.Column<long>(type: "bigint", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Action = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    PersonId = table.Column<string>(type: "text", nullable: true),
                    PersonEmail = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    OrganisationId = table.Column<int>(type: "integer", nullable: true),
                    OrganisationKey = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    ItemId = table.Column<Guid>(type: "uuid", nullable: true),
                    ItemOrganisationId = table.Column<int>(type: "integer", nullable: true),
                    Subject = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true),
                    Detail = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    Source = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    PreviousHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditRecords", x => x.Sequence);
                });

            migrationBuilder.CreateTable(
                name: "Forwards",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ItemId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    OrganisationId = table.Column<int>(type: "integer", nullable: false),
                    PersonId = table.Column<string>(type: "text", nullable: true),
                    Note = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: true),
                    Tlp = table.Column<int>(type: "integer", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Forwards", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Forwards_Items_ItemId",
                        column: x => x.ItemId,
                        principalTable: "Items",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Forwards_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "RelayPolicies",
                columns: table => new
                {
                    OrganisationId = table.Column<int>(type: "integer", nullable: false),
                    Tlp = table.Column<int>(type: "integer", nullable: false),
                    Automatic = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RelayPolicies", x => new { x.OrganisationId, x.Tlp });
                    table.ForeignKey(
                        name: "FK_RelayPolicies_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "UnreachableMembers",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ItemId = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<int>(type: "integer", nullable: false),
                    Reason = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UnreachableMembers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_UnreachableMembers_Items_ItemId",
                        column: x => x.ItemId,
                        principalTable: "Items",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_UnreachableMembers_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Relays",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ItemId = table.Column<Guid>(type: "uuid", nullable: false),
                    LinkingOrganisationId = table.Column<int>(type: "integer", nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    DoneAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ForwardId = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Relays", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Relays_Forwards_ForwardId",
                        column: x => x.ForwardId,
                        principalTable: "Forwards",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_Relays_Items_ItemId",
                        column: x => x.ItemId,
                        principalTable: "Items",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Relays_Organisations_LinkingOrganisationId",
                        column: x => x.LinkingOrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "RelayTargets",
                columns: table => new
                {
                    RelayId = table.Column<int>(type: "integer", nullable: false),
                    MemberOrganisationId = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RelayTargets", x => new { x.RelayId, x.MemberOrganisationId });
                    table.ForeignKey(
                        name: "FK_RelayTargets_Relays_RelayId",
                        column: x => x.RelayId,
                        principalTable: "Relays",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_DeliveryRoutes_ForwardId",
                table: "DeliveryRoutes",
                column: "ForwardId");

            migrationBuilder.CreateIndex(
                name: "IX_AudienceEntries_ForwardId",
                table: "AudienceEntries",
                column: "ForwardId");

            migrationBuilder.CreateIndex(
                name: "IX_AuditRecords_At",
                table: "AuditRecords",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_AuditRecords_ItemId",
                table: "AuditRecords",
                column: "ItemId");

            migrationBuilder.CreateIndex(
                name: "IX_AuditRecords_ItemOrganisationId_At",
                table: "AuditRecords",
                columns: new[] { "ItemOrganisationId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditRecords_OrganisationId_At",
                table: "AuditRecords",
                columns: new[] { "OrganisationId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_Forwards_ItemId_OrganisationId",
                table: "Forwards",
                columns: new[] { "ItemId", "OrganisationId" });

            migrationBuilder.CreateIndex(
                name: "IX_Forwards_OrganisationId",
                table: "Forwards",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_Relays_ForwardId",
                table: "Relays",
                column: "ForwardId");

            migrationBuilder.CreateIndex(
                name: "IX_Relays_ItemId_LinkingOrganisationId",
                table: "Relays",
                columns: new[] { "ItemId", "LinkingOrganisationId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Relays_LinkingOrganisationId_Status_CreatedAt",
                table: "Relays",
                columns: new[] { "LinkingOrganisationId", "Status", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_UnreachableMembers_ItemId_OrganisationId",
                table: "UnreachableMembers",
                columns: new[] { "ItemId", "OrganisationId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_UnreachableMembers_OrganisationId",
                table: "UnreachableMembers",
                column: "OrganisationId");

            migrationBuilder.AddForeignKey(
                name: "FK_AudienceEntries_Forwards_ForwardId",
                table: "AudienceEntries",
                column: "ForwardId",
                principalTable: "Forwards",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "FK_DeliveryRoutes_Forwards_ForwardId",
                table: "DeliveryRoutes",
                column: "ForwardId",
                principalTable: "Forwards",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_AudienceEntries_Forwards_ForwardId",
                table: "AudienceEntries");

            migrationBuilder.DropForeignKey(
                name: "FK_DeliveryRoutes_Forwards_ForwardId",
                table: "DeliveryRoutes");

            migrationBuilder.DropTable(
                name: "AuditRecords");

            migrationBuilder.DropTable(
                name: "RelayPolicies");

            migrationBuilder.DropTable(
                name: "RelayTargets");

            migrationBuilder.DropTable(
                name: "UnreachableMembers");

            migrationBuilder.DropTable(
                name: "Relays");

            migrationBuilder.DropTable(
                name: "Forwards");

            migrationBuilder.DropIndex(
                name: "IX_DeliveryRoutes_ForwardId",
                table: "DeliveryRoutes");

            migrationBuilder.DropIndex(
                name: "IX_AudienceEntries_ForwardId",
                table: "AudienceEntries");

            migrationBuilder.DropColumn(
                name: "ForwardId",
                table: "DeliveryRoutes");
        }
    }
}
