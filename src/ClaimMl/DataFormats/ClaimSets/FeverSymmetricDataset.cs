using System.Text;

namespace ClaimMl.DataFormats.ClaimSets;

/// <summary>
/// FEVER Symmetric (Schuster et al., 2019), v0.2: Wikipedia claims, each paired with one evidence
/// sentence (the source), SUPPORTS or REFUTES (confirmed or disputed; no neutral class). Every claim
/// comes with evidence for both labels, so the claim's wording alone cannot decide: the verdict has to
/// come from the source. The dev split is a training side; the test split is scored. FEVER's tokenised
/// text (<c>-LRB-</c>, <c>word ,</c>) is turned back into plain text.
/// </summary>
internal static class FeverSymmetricDataset
{
    /// <summary>The file of a split, relative to the set's folder.</summary>
    public static string FileOf(string split) => Path.Combine("v0.2", $"fever_symmetric_{split}.jsonl");

    public static bool IsPresent(string folder) => File.Exists(Path.Combine(folder, FileOf("test")));

    /// <param name="folder">The fever-symmetric folder.</param>
    /// <param name="split">"dev" or "test".</param>
    public static ClaimSet Load(string folder, string split)
    {
        string file = Path.Combine(folder, FileOf(split));
        var cases = new List<ClaimCase>();
        foreach (var (line, obj) in JsonLines.Read(file))
        {
            string label = JsonLines.String(file, line, obj, "label");
            Verdict verdict = label switch
            {
                "SUPPORTS" => Verdict.Confirmed,
                "REFUTES" => Verdict.Disputed,
                _ => throw new ClaimMlDataException(file, line, "label", $"'{label}' is not SUPPORTS or REFUTES."),
            };
            string claim = Detokenize(JsonLines.String(file, line, obj, "claim"));
            string evidence = Detokenize(JsonLines.String(file, line, obj, "evidence"));
            cases.Add(new ClaimCase(JsonLines.String(file, line, obj, "id"), claim, [evidence], verdict, [ClaimSet.FromVerdict(verdict).Stance], label));
        }
        return new ClaimSet($"fever-symmetric {split}", cases, ClaimSetScoring.Verdicts);
    }

    private static readonly (string Token, string Text)[] Brackets =
    [
        ("-LRB- ", "("), (" -RRB-", ")"), ("-LSB- ", "["), (" -RSB-", "]"), ("-LCB- ", "{"), (" -RCB-", "}"),
        ("-LRB-", "("), ("-RRB-", ")"), ("-LSB-", "["), ("-RSB-", "]"), ("-LCB-", "{"), ("-RCB-", "}"),
        ("-COLON-", ":"), (" --", " –"), ("`` ", "\""), (" ''", "\""),
    ];

    private static readonly string[] Attached = [" ,", " .", " ;", " :", " !", " ?", " 's", " n't", " 're", " 've", " 'll", " 'd", " 'm", " %"];

    /// <summary>FEVER's tokenised sentence as plain text: brackets restored, punctuation and clitics joined to their word.</summary>
    internal static string Detokenize(string text)
    {
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
