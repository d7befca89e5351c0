namespace ClaimMl.DataFormats.ClaimSets;

/// <summary>
/// Emergent (Ferreira and Vlachos, 2016): claims tracked by emergent.info, each with news headlines
/// labeled for / against / observing, the paper's train/test split of claims, and claim veracity
/// (true / false / unknown) where known. Headlines map to supports / refutes / discusses; veracity to
/// confirmed / disputed / unverified.
/// </summary>
internal static class EmergentDataset
{
    private static readonly string[] StanceHeader = ["id", "claimHeadline", "articleHeadline", "articleHeadlineStance", "articleId", "claimId"];
    private static readonly string[] ClaimHeader = ["claimId", "claimHeadline", "split", "numArticles", "claimTruthiness", "truthinessSource"];

    public static bool IsPresent(string folder) => File.Exists(Path.Combine(folder, "url-versions-2015-06-14-clean.csv"));

    /// <summary>The claims of one split ("train" or "test"), with their headlines and veracity.</summary>
    public static ClaimSet Load(string folder, string split, ClaimSetScoring scoring)
    {
        string stancesFile = Path.Combine(folder, "url-versions-2015-06-14-clean.csv");
        string claimsFile = Path.Combine(folder, "emergent_claims.csv");
        var claimSplit = new Dictionary<string, (string Split, string Truth)>(StringComparer.Ordinal);
        foreach (var (line, f) in CsvRecords.Read(claimsFile, ClaimHeader))
        {
            if (f[2] is not ("train" or "test"))
            {
                throw new ClaimMlDataException(claimsFile, line, "split", $"'{f[2]}' is not train or test.");
            }
            claimSplit[f[0]] = (f[2], f[4]);
        }

        var byClaim = new Dictionary<string, (string Claim, List<string> Headlines, List<Stance> Stances)>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var (line, f) in CsvRecords.Read(stancesFile, StanceHeader))
        {
            if (!claimSplit.TryGetValue(f[5], out var info))
            {
                throw new ClaimMlDataException(stancesFile, line, "claimId", $"claim '{f[5]}' is not in {Path.GetFileName(claimsFile)}.");
            }
            if (info.Split != split)
            {
                continue;
            }
            Stance stance = f[3] switch
            {
                "for" => Stance.Supports,
                "against" => Stance.Refutes,
                "observing" => Stance.Discusses,
                _ => throw new ClaimMlDataException(stancesFile, line, "articleHeadlineStance", $"'{f[3]}' is not for, against or observing."),
            };
            if (!byClaim.TryGetValue(f[5], out var entry))
            {
                entry = (StripPrefix(f[1]), new List<string>(), new List<Stance>());
                byClaim[f[5]] = entry;
                order.Add(f[5]);
            }
            entry.Headlines.Add(f[2]);
            entry.Stances.Add(stance);
        }

        var cases = new List<ClaimCase>(order.Count);
        foreach (string id in order)
        {
            var (claim, headlines, stances) = byClaim[id];
            string truth = claimSplit[id].Truth;
            Verdict? gold = truth switch
            {
                "true" => Verdict.Confirmed,
                "false" => Verdict.Disputed,
                "unknown" => Verdict.Unverified,
                _ => null,
            };
            cases.Add(new ClaimCase(id, claim, headlines, gold, stances, truth));
        }
        string name = scoring == ClaimSetScoring.SourceStances ? $"emergent {split} (headline stance)" : $"emergent {split} (claim veracity)";
        return new ClaimSet(name, cases, scoring);
    }

    private static string StripPrefix(string claim)
    {
        string trimmed = claim.Trim();
        return trimmed.StartsWith("Claim:", StringComparison.OrdinalIgnoreCase) ? trimmed[6..].Trim() : trimmed;
    }
}
