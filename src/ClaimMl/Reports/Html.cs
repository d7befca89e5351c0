using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ClaimMl.Reports;

/// <summary>
/// Writing HTML safely: every piece of text that comes from input (claims, sources, file names, figures
/// read from files) goes through <see cref="Text"/>, which escapes the five characters that can end a text
/// node or a quoted attribute value. Attribute values are always double-quoted. Input is never placed in a
/// URL, an event handler, a style or a script.
/// </summary>
internal static class Html
{
    /// <summary>Escapes <c>&amp;</c>, <c>&lt;</c>, <c>&gt;</c>, <c>"</c> and <c>'</c>: safe in text and in quoted attribute values.</summary>
    public static string Text(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }
        var builder = new StringBuilder(value.Length + 16);
        foreach (char c in value)
        {
            switch (c)
            {
                case '&': builder.Append("&amp;"); break;
                case '<': builder.Append("&lt;"); break;
                case '>': builder.Append("&gt;"); break;
                case '"': builder.Append("&quot;"); break;
                case '\'': builder.Append("&#39;"); break;
                case '\0': builder.Append('\uFFFD'); break;
                default: builder.Append(c); break;
            }
        }
        return builder.ToString();
    }

    /// <summary>A number with a fixed format, invariant culture (never input-dependent text).</summary>
    public static string Number(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

    /// <summary>An integer in invariant culture, with thousands separators.</summary>
    public static string Count(int value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>The CSP source expression for an inline element's exact content.</summary>
    public static string CspHash(string content) => "'sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(content))) + "'";

    /// <summary>The time as shown in reports: UTC, to the second, and its machine-readable form.</summary>
    public static (string Display, string Machine) Time(DateTimeOffset time)
    {
        DateTimeOffset utc = time.ToUniversalTime();
        return (utc.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture), utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
    }

    public static string Word(Verdict verdict) => Words.Of(verdict);

    public static string Word(Stance stance) => Words.Of(stance);

    public static string Title(Verdict verdict) => verdict switch
    {
        Verdict.Confirmed => "Confirmed",
        Verdict.Disputed => "Disputed",
        _ => "Unverified",
    };

    /// <summary>An inline SVG icon from the page's sprite (<see cref="ReportPage.Sprite"/>); decorative, hidden from assistive technology.</summary>
    public static string Icon(Verdict verdict) =>
        $"<svg class=\"icon\" aria-hidden=\"true\" focusable=\"false\"><use href=\"#i-{Word(verdict)}\"/></svg>";
}
