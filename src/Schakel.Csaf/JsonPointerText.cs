namespace Schakel.Csaf;

/// <summary>RFC 6901 JSON Pointer escaping: <c>~</c> is written <c>~0</c>, <c>/</c> is written <c>~1</c>.</summary>
internal static class JsonPointerText
{
    public static string Escape(string segment) => segment.Replace("~", "~0").Replace("/", "~1");

    public static string Unescape(string segment) => segment.Replace("~1", "/").Replace("~0", "~");

    /// <summary>The unescaped segments of a pointer; none for the empty (whole-document) pointer.</summary>
    public static IEnumerable<string> Segments(string pointer) =>
        pointer.Length == 0 ? [] : pointer.TrimStart('/').Split('/').Select(Unescape);
}
