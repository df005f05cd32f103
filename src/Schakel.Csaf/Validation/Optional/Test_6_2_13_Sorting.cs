using System.Text.Json;

namespace Schakel.Csaf.Validation.Optional;

/// <summary>
/// CSAF 2.0 section 6.2.13 "Sorting": the keys of every object in the document are in alphabetical order. Keys are
/// compared by their UTF-16 code units (ordinal), so <c>file_hashes</c> sorts before <c>filename</c> as in the
/// OASIS examples. One finding per unsorted object, at the first key that is out of place.
/// </summary>
public sealed class Test_6_2_13_Sorting : CsafTest
{
    /// <inheritdoc />
    public override string Id => "6.2.13";

    /// <inheritdoc />
    public override string Title => "Sorting";

    /// <inheritdoc />
    public override void Run(CsafTestContext context) => Walk(context, context.Root, "");

    private static void Walk(CsafTestContext context, JsonElement element, string path)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            string? previous = null;
            var reported = false;
            foreach (var property in element.EnumerateObject())
            {
                if (!reported && previous is not null && string.CompareOrdinal(previous, property.Name) > 0)
                {
                    context.Report(CsafPointer.Append(path, property.Name),
                        $"The key '{property.Name}' is not at the right place: it comes after '{previous}' but sorts before it.");
                    reported = true;
                }

                previous = property.Name;
                Walk(context, property.Value, CsafPointer.Append(path, property.Name));
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            var i = 0;
            foreach (var item in element.EnumerateArray()) Walk(context, item, CsafPointer.Append(path, i++));
        }
    }
}
