namespace ClaimMl.DataFormats.ClaimSets;

/// <summary>
/// Reads your own labeled claims for <c>claimml evaluate --labeled</c>: a folder holding
/// <c>claims.jsonl</c> (one <c>{"id": ..., "claim": ..., "expected": "confirmed" | "disputed" | "unverified"}</c>
/// per line) and <c>sources/</c> (the <c>.txt</c> files every claim of the folder is checked against),
/// or a folder of such folders (one set each, e.g. one per event). The claims are read by
/// <see cref="ClaimFile"/> and the sources by <see cref="SourceFolder"/>, with their checks and errors.
/// </summary>
internal static class LabeledClaimFolder
{
    public const string ClaimsFile = "claims.jsonl";
    public const string SourcesFolder = "sources";

    public static List<ClaimSet> Load(string folder, ClaimCheckerLimits limits)
    {
        ArgumentNullException.ThrowIfNull(folder);
        if (!Directory.Exists(folder))
        {
            throw new ClaimMlDataException(folder, 0, null, "the folder does not exist.");
        }
        IEnumerable<string> candidates = IsSet(folder)
            ? [folder]
            : Directory.GetDirectories(folder).Order(StringComparer.Ordinal).Where(IsSet);
        var sets = new List<ClaimSet>();
        foreach (string setFolder in candidates)
        {
            string claimsPath = Path.Combine(setFolder, ClaimsFile);
            List<ClaimInput> claims = ClaimFile.Read(claimsPath, limits);
            string[] sources = SourceFolder.Read(Path.Combine(setFolder, SourcesFolder), limits).Select(s => s.Text).ToArray();
            var cases = new List<ClaimCase>(claims.Count);
            foreach (ClaimInput claim in claims)
            {
                Verdict expected = claim.Expected
                    ?? throw new ClaimMlDataException(claimsPath, claim.Line, "expected", "the claim has no 'expected' verdict (\"confirmed\", \"disputed\" or \"unverified\"); every claim of a labeled set needs one.");
                cases.Add(new ClaimCase(claim.Id, claim.Text, sources, expected, null, Words.Of(expected)));
            }
            sets.Add(new ClaimSet(Path.GetFileName(Path.TrimEndingDirectorySeparator(setFolder)), cases, ClaimSetScoring.Verdicts));
        }
        if (sets.Count == 0)
        {
            throw new ClaimMlDataException(folder, 0, null, $"no labeled claims found: expected {ClaimsFile} and {SourcesFolder}/ in the folder or in its subfolders.");
        }
        return sets;
    }

    /// <summary>Whether <paramref name="folder"/> is one set (its own claims and sources) rather than a folder of sets.</summary>
    internal static bool IsSet(string folder) =>
        File.Exists(Path.Combine(folder, ClaimsFile)) && Directory.Exists(Path.Combine(folder, SourcesFolder));
}
