namespace ClaimMl.DataFormats.ClaimSets;

/// <summary>
/// HealthVer (Sarrouti et al., 2021): COVID-19 health claims against evidence passages from
/// scientific abstracts, Supports / Refutes / Neutral (confirmed / disputed / unverified). Only the
/// dev and test splits exist here; dev is used for training.
/// </summary>
internal static class HealthVerDataset
{
    private static readonly string[] Header = ["id", "evidence", "claim", "label", "topic_ip", "question"];

    public static bool IsPresent(string folder) => File.Exists(Path.Combine(folder, "healthver_test.csv"));

    /// <param name="folder">The healthver folder.</param>
    /// <param name="split">"dev" or "test".</param>
    public static ClaimSet Load(string folder, string split)
    {
        string file = Path.Combine(folder, $"healthver_{split}.csv");
        var cases = new List<ClaimCase>();
        foreach (var (line, f) in CsvRecords.Read(file, Header))
        {
            Verdict verdict = f[3] switch
            {
                "Supports" => Verdict.Confirmed,
                "Refutes" => Verdict.Disputed,
                "Neutral" => Verdict.Unverified,
                _ => throw new ClaimMlDataException(file, line, "label", $"'{f[3]}' is not Supports, Refutes or Neutral."),
            };
            cases.Add(new ClaimCase(f[0], f[2], [f[1]], verdict, [ClaimSet.FromVerdict(verdict).Stance], f[3]));
        }
        return new ClaimSet($"healthver {split}", cases, ClaimSetScoring.Verdicts);
    }
}
