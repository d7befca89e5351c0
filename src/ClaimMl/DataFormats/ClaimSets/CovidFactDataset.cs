using System.Text;

namespace ClaimMl.DataFormats.ClaimSets;

/// <summary>
/// COVID-Fact (Saakyan et al., 2021): claims with retrieved evidence, SUPPORTED or REFUTED (no
/// neutral class), in the authors' train / dev / test split (<c>rte-covidfact/*.tsv</c>). The test
/// file has no labels; they are recovered from <c>COVIDFACT_dataset.jsonl</c> by the claim text
/// (lower-cased, white space removed); the few that do not match are skipped and counted.
/// </summary>
internal static class CovidFactDataset
{
    public static bool IsPresent(string folder) => File.Exists(Path.Combine(folder, "rte-covidfact", "train.tsv"));

    /// <param name="folder">The covid-fact folder.</param>
    /// <param name="split">"train", "dev" or "test".</param>
    public static ClaimSet Load(string folder, string split)
    {
        string file = Path.Combine(folder, "rte-covidfact", split + ".tsv");
        string[] header = split switch
        {
            "train" => ["index", "sentence1", "Sentence2", "label"],
            "dev" => ["index", "sentence1", "Sentence2", "entailment"],
            _ => ["index", "sentence1", "sentence2"],
        };
        Dictionary<string, string>? labels = split == "test" ? LabelsByClaim(Path.Combine(folder, "COVIDFACT_dataset.jsonl")) : null;
        var cases = new List<ClaimCase>();
        foreach (var (line, f) in CsvRecords.Read(file, header, '\t', quoted: false))
        {
            string label;
            if (labels is null)
            {
                label = f[3] switch
                {
                    "entailment" => "SUPPORTED",
                    "not_entailment" => "REFUTED",
                    _ => throw new ClaimMlDataException(file, line, header[3], $"'{f[3]}' is not entailment or not_entailment."),
                };
            }
            else if (!labels.TryGetValue(Key(f[2]), out label!))
            {
                continue; // the label cannot be recovered for this test claim
            }
            Verdict verdict = label == "SUPPORTED" ? Verdict.Confirmed : Verdict.Disputed;
            cases.Add(new ClaimCase(f[0], f[2], [f[1]], verdict, [ClaimSet.FromVerdict(verdict).Stance], label));
        }
        return new ClaimSet($"covid-fact {split}", cases, ClaimSetScoring.Verdicts);
    }

    private static Dictionary<string, string> LabelsByClaim(string file)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (line, obj) in JsonLines.Read(file))
        {
            labels[Key(JsonLines.String(file, line, obj, "claim"))] = JsonLines.String(file, line, obj, "label");
        }
        return labels;
    }

    private static string Key(string claim)
    {
        var key = new StringBuilder(claim.Length);
        foreach (char c in claim)
        {
            if (!char.IsWhiteSpace(c))
            {
                key.Append(char.ToLowerInvariant(c));
            }
        }
        return key.ToString();
    }
}
