using ClaimMl.DataFormats.ClaimSets;

namespace ClaimMl.Evaluation;

/// <summary>
/// The claim-level evaluation sets found under a data folder (the layout of <c>../shared/data</c>):
/// only the test sides, and only the sets that are present.
/// </summary>
internal static class ClaimSuite
{
    /// <summary>Each set's folder under the data folder and the test sides it holds (none when absent), in table order.</summary>
    private static readonly (string Folder, Func<string, IEnumerable<ClaimSet>> TestSides)[] Sets =
    [
        ("emergent", EmergentTestSides),
        ("climate-fever", folder => ClimateFeverDataset.IsPresent(folder) ? [ClimateFeverDataset.Load(folder)] : []),
        ("qags", folder => new[] { "cnndm", "xsum" }.Where(v => QagsDataset.IsPresent(folder, v)).Select(v => QagsDataset.Load(folder, v))),
        ("covid-fact", folder => CovidFactDataset.IsPresent(folder) ? [CovidFactDataset.Load(folder, "test")] : []),
        ("healthver", folder => HealthVerDataset.IsPresent(folder) ? [HealthVerDataset.Load(folder, "test")] : []),
        ("fever-symmetric", folder => FeverSymmetricDataset.IsPresent(folder) ? [FeverSymmetricDataset.Load(folder, "test")] : []),
    ];

    /// <summary>The set folders looked for under the data folder, in table order.</summary>
    public static readonly string[] Folders = Array.ConvertAll(Sets, s => s.Folder);

    public static List<ClaimSet> LoadTestSets(string root)
    {
        var sets = new List<ClaimSet>();
        foreach (var (folder, testSides) in Sets)
        {
            sets.AddRange(testSides(Path.Combine(root, folder)));
        }
        return sets;
    }

    private static IEnumerable<ClaimSet> EmergentTestSides(string folder)
    {
        if (!EmergentDataset.IsPresent(folder))
        {
            return [];
        }
        ClaimSet veracity = EmergentDataset.Load(folder, "test", ClaimSetScoring.Verdicts);
        return [EmergentDataset.Load(folder, "test", ClaimSetScoring.SourceStances), veracity with { Cases = veracity.Cases.Where(c => c.Gold is not null).ToList() }];
    }
}
