using ClaimMl.Training;

namespace ClaimMl.DataFormats.ClaimSets;

/// <summary>
/// One labeled claim of a claim-level set: the claim, the texts it is checked against, the gold
/// verdict, and (where the set has them) the gold stance of each text.
/// </summary>
/// <param name="Id">The set's id for the claim.</param>
/// <param name="Claim">The claim.</param>
/// <param name="Sources">The texts the claim is checked against.</param>
/// <param name="Gold">The gold verdict; <see langword="null"/> when the claim has none (e.g. Climate-FEVER's DISPUTED).</param>
/// <param name="SourceStances">Gold stance of each source, or <see langword="null"/>.</param>
/// <param name="GoldLabel">The set's own label text, for reporting.</param>
internal sealed record ClaimCase(string Id, string Claim, IReadOnlyList<string> Sources, Verdict? Gold, IReadOnlyList<Stance>? SourceStances, string GoldLabel);

/// <summary>How a claim set is scored.</summary>
internal enum ClaimSetScoring
{
    /// <summary>Three verdicts: accuracy and macro-F1 over confirmed, disputed, unverified.</summary>
    Verdicts,

    /// <summary>Confirmed against not confirmed: balanced accuracy (QAGS).</summary>
    ConfirmedOrNot,

    /// <summary>Per-source stance against the gold stance (Emergent headlines).</summary>
    SourceStances,
}

/// <summary>A claim-level labeled set (or one split of it).</summary>
/// <param name="Name">Row name in the evaluation table.</param>
/// <param name="Cases">The claims.</param>
/// <param name="Scoring">How it is scored.</param>
internal sealed record ClaimSet(string Name, IReadOnlyList<ClaimCase> Cases, ClaimSetScoring Scoring)
{
    /// <summary>The pairs of every case that has source stances, for training.</summary>
    public LabeledPairSet ToPairs()
    {
        var sources = new List<string>();
        var pairs = new List<LabeledPair>();
        foreach (ClaimCase c in Cases)
        {
            if (c.SourceStances is null)
            {
                continue;
            }
            for (int i = 0; i < c.Sources.Count; i++)
            {
                pairs.Add(new LabeledPair(c.Claim, sources.Count, c.SourceStances[i]));
                sources.Add(c.Sources[i]);
            }
        }
        return new LabeledPairSet(Name, sources, pairs);
    }

    /// <summary>Turns a per-pair set label into the matching source stance and verdict.</summary>
    public static (Stance Stance, Verdict Verdict) FromVerdict(Verdict verdict) => verdict switch
    {
        Verdict.Confirmed => (Stance.Supports, Verdict.Confirmed),
        Verdict.Disputed => (Stance.Refutes, Verdict.Disputed),
        _ => (Stance.Discusses, Verdict.Unverified),
    };
}
