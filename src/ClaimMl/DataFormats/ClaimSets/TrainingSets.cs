using ClaimMl.Training;

namespace ClaimMl.DataFormats.ClaimSets;

/// <summary>
/// The training sides of the claim-level sets that have one, as labeled pairs: Emergent's train
/// claims (headlines), COVID-Fact's train and dev splits, HealthVer's dev split, FEVER Symmetric's
/// dev split. Test sides are never returned here; Climate-FEVER and QAGS have no training side and
/// are evaluation-only.
/// </summary>
internal static class TrainingSets
{
    public static readonly string[] Names = ["emergent", "covid-fact", "healthver", "fever-symmetric"];

    public static LabeledPairSet Load(string name, string folder) => name switch
    {
        "emergent" => EmergentDataset.Load(folder, "train", ClaimSetScoring.SourceStances).ToPairs(),
        "covid-fact" => CovidFactDataset.Load(folder, "train").ToPairs().Concat(CovidFactDataset.Load(folder, "dev").ToPairs()),
        "healthver" => HealthVerDataset.Load(folder, "dev").ToPairs(),
        "fever-symmetric" => FeverSymmetricDataset.Load(folder, "dev").ToPairs(),
        _ => throw new ArgumentException($"'{name}' is not a training set; use one of {string.Join(", ", Names)} (Climate-FEVER and QAGS are evaluation-only)."),
    };
}
