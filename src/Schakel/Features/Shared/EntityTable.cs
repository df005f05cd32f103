using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Schakel;

/// <summary>
/// Quoted table and column names of an entity, and its values in provider form, for set-based SQL that runs on SQLite
/// and PostgreSQL alike (plain double-quoted identifiers). Values go through the model's value converters, so rows
/// written this way are stored exactly as EF would store them (SQLite times as ticks, enums as text or numbers).
/// </summary>
internal sealed class EntityTable(IEntityType entity)
{
    /// <summary>The table of <typeparamref name="T"/> in <paramref name="db"/>'s model.</summary>
    public static EntityTable Of<T>(DbContext db) => new(db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not an entity."));

    public string Name { get; } = Quote(entity.GetTableName()!);

    /// <summary>The quoted column name of a property.</summary>
    public string Column(string property) =>
        Quote(entity.FindProperty(property)!.GetColumnName(StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema()))!);

    /// <summary>The value as the provider stores it, via the property's converter when it has one.</summary>
    public object? Value(string property, object? value) =>
        entity.FindProperty(property)!.GetTypeMapping().Converter is { } converter ? converter.ConvertToProvider(value) : value;

    private static string Quote(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
