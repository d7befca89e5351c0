namespace ClaimMl.DataFormats.ClaimSets;

/// <summary>
/// Climate-FEVER (Diggelmann et al., 2020): real climate claims, each with five Wikipedia evidence
/// sentences (the sources) and a claim label. SUPPORTS, REFUTES and NOT_ENOUGH_INFO map to confirmed,
/// disputed and unverified; DISPUTED (mixed evidence) has no gold verdict and is reported apart.
/// </summary>
internal static class ClimateFeverDataset
{
    public const string FileName = "climate-fever-dataset-r1.jsonl";

    public static bool IsPresent(string folder) => File.Exists(Path.Combine(folder, FileName));

    public static ClaimSet Load(string folder)
    {
        string file = Path.Combine(folder, FileName);
        var cases = new List<ClaimCase>();
        foreach (var (line, obj) in JsonLines.Read(file))
        {
            string label = JsonLines.String(file, line, obj, "claim_label");
            Verdict? gold = label switch
            {
                "SUPPORTS" => Verdict.Confirmed,
                "REFUTES" => Verdict.Disputed,
                "NOT_ENOUGH_INFO" => Verdict.Unverified,
                "DISPUTED" => null,
                _ => throw new ClaimMlDataException(file, line, "claim_label", $"'{label}' is not a Climate-FEVER label."),
            };
            var sources = new List<string>();
            var stances = new List<Stance>();
            foreach (var evidence in JsonLines.Array(file, line, obj, "evidences").EnumerateArray())
            {
                sources.Add(JsonLines.String(file, line, evidence, "evidence"));
                stances.Add(JsonLines.String(file, line, evidence, "evidence_label") switch
                {
                    "SUPPORTS" => Stance.Supports,
                    "REFUTES" => Stance.Refutes,
                    _ => Stance.Discusses,
                });
            }
            cases.Add(new ClaimCase(JsonLines.String(file, line, obj, "claim_id"), JsonLines.String(file, line, obj, "claim"), sources, gold, stances, label));
        }
        return new ClaimSet("climate-fever (claim verdict)", cases, ClaimSetScoring.Verdicts);
    }
}
