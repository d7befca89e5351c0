using ClaimMl.DataFormats.ClaimSets;

namespace ClaimMl.Evaluation;

/// <summary>
/// The claim-level evaluation sets found under a data folder (the layout of <c>../shared/data</c>):
/// only the test sides, and only the sets that are present.
/// </summary>
internal static class ClaimSuite
{
    /// <summary>The set folders looked for under the data folder, in table order.</summary>
    public static readonly string[] Folders = ["emergent", "climate-fever", "qags", "covid-fact", "healthver", "fever-symmetric"];

    public static List<ClaimSet> LoadTestSets(string root)
    {
        var sets = new List<ClaimSet>();
        string emergent = Path.Combine(root, "emergent");
        if (EmergentDataset.IsPresent(emergent))
        {
            sets.Add(EmergentDataset.Load(emergent, "test", ClaimSetScoring.SourceStances));
            ClaimSet veracity = EmergentDataset.Load(emergent, "test", ClaimSetScoring.Verdicts);
            sets.Add(veracity with { Cases = veracity.Cases.Where(c => c.Gold is not null).ToList() });
        }
        string climate = Path.Combine(root, "climate-fever");
        if (ClimateFeverDataset.IsPresent(climate))
        {
            sets.Add(ClimateFeverDataset.Load(climate));
        }
        string qags = Path.Combine(root, "qags");
        foreach (string variant in new[] { "cnndm", "xsum" })
        {
            if (QagsDataset.IsPresent(qags, variant))
            {
                sets.Add(QagsDataset.Load(qags, variant));
            }
        }
        string covid = Path.Combine(root, "covid-fact");
        if (CovidFactDataset.IsPresent(covid))
        {
            sets.Add(CovidFactDataset.Load(covid, "test"));
        }
        string healthver = Path.Combine(root, "healthver");
        if (HealthVerDataset.IsPresent(healthver))
        {
            sets.Add(HealthVerDataset.Load(healthver, "test"));
        }
        string fever = Path.Combine(root, "fever-symmetric");
        if (FeverSymmetricDataset.IsPresent(fever))
        {
            sets.Add(FeverSymmetricDataset.Load(fever, "test"));
        }
        return sets;
    }
}
