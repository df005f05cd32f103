using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Schakel.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class TaxiiSubscriptions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "RemoteNode",
                table: "Organisations",
                type: "TEXT",
                maxLength: 2048,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "TaxiiSubscription",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ApiRoot = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: false),
                    CollectionId = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Username = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    ProtectedToken = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    MaxTlp = table.Column<int>(type: "INTEGER", nullable: false),
                    Audience = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    SourceOrganisationId = table.Column<int>(type: "INTEGER", nullable: false),
                    Cursor = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    IntervalMinutes = table.Column<int>(type: "INTEGER", nullable: false),
                    Enabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    LastRunAt = table.Column<long>(type: "INTEGER", nullable: true),
                    LastRunOk = table.Column<bool>(type: "INTEGER", nullable: true),
                    LastResult = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    FailedRuns = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TaxiiSubscription", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TaxiiSubscription_Organisations_SourceOrganisationId",
                        column: x => x.SourceOrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_TaxiiSubscription_ApiRoot_CollectionId",
                table: "TaxiiSubscription",
                columns: new[] { "ApiRoot", "CollectionId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_TaxiiSubscription_SourceOrganisationId",
                table: "TaxiiSubscription",
                column: "SourceOrganisationId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "TaxiiSubscription");

            migrationBuilder.DropColumn(
                name: "RemoteNode",
                table: "Organisations");
        }
    }
}
