using System.Net;

namespace Chaos.Reporting;

/// <summary>Escapes text for HTML and SVG; colons too, so that no text in the report can read as a link or a resource.</summary>
internal static class HtmlText
{
    public static string Escape(string? text) =>
        WebUtility.HtmlEncode(text ?? "").Replace(":", "&#58;", StringComparison.Ordinal);
}
