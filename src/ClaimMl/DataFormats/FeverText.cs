using System.Text;

namespace ClaimMl.DataFormats;

/// <summary>
/// FEVER's tokenised Wikipedia text turned back into plain text, for every set that quotes it (FEVER
/// Symmetric, the FEVER entailment pairs): bracket tokens (<c>-LRB-</c>, <c>-LSB-</c>, …) and spaced
/// brackets (<c>( 1981 )</c>) restored, <c>`` ''</c> quotes made plain, punctuation and clitics
/// (<c>Wright 's</c>, <c>do n't</c>) joined to their word.
/// </summary>
internal static class FeverText
{
    private static readonly (string Token, string Text)[] Brackets =
    [
        ("-LRB- ", "("), (" -RRB-", ")"), ("-LSB- ", "["), (" -RSB-", "]"), ("-LCB- ", "{"), (" -RCB-", "}"),
        ("-LRB-", "("), ("-RRB-", ")"), ("-LSB-", "["), ("-RSB-", "]"), ("-LCB-", "{"), ("-RCB-", "}"),
        ("-COLON-", ":"), (" --", " –"), ("`` ", "\""), (" ''", "\""), ("( ", "("), (" )", ")"),
    ];

    private static readonly string[] Attached = [" ,", " .", " ;", " :", " !", " ?", " 's", " n't", " 're", " 've", " 'll", " 'd", " 'm", " %"];

    /// <summary>FEVER's tokenised sentence as plain text: brackets restored, punctuation and clitics joined to their word.</summary>
    public static string Detokenize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var result = new StringBuilder(text.Trim());
        foreach (var (token, plain) in Brackets)
        {
            result.Replace(token, plain);
        }
        foreach (string piece in Attached)
        {
            result.Replace(piece, piece[1..]);
        }
        return result.ToString();
    }
}
