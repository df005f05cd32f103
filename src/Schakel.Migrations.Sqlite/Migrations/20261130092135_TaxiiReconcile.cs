using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Schakel.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class TaxiiReconcile : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "LastReconciledAt",
                table: "TaxiiSubscription",
                type: "INTEGER",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "LastReconciledAt",
                table: "TaxiiSubscription");
        }
    }
}
