namespace ClaimMl.DataFormats.ClaimSets;

/// <summary>
/// FEVER Symmetric (Schuster et al., 2019), v0.2: Wikipedia claims, each paired with one evidence
/// sentence (the source), SUPPORTS or REFUTES (confirmed or disputed; no neutral class). Every claim
/// comes with evidence for both labels, so the claim's wording alone cannot decide: the verdict has to
/// come from the source. The dev split is a training side; the test split is scored. FEVER's tokenised
/// text (<c>-LRB-</c>, <c>word ,</c>) is turned back into plain text by <see cref="FeverText"/>.
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
            string claim = FeverText.Detokenize(JsonLines.String(file, line, obj, "claim"));
            string evidence = FeverText.Detokenize(JsonLines.String(file, line, obj, "evidence"));
            cases.Add(new ClaimCase(JsonLines.String(file, line, obj, "id"), claim, [evidence], verdict, [ClaimSet.FromVerdict(verdict).Stance], label));
        }
        return new ClaimSet($"fever-symmetric {split}", cases, ClaimSetScoring.Verdicts);
    }
}
