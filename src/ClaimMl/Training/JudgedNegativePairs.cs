using ClaimMl.DataFormats.ClaimSets;
using ClaimMl.Entailment;

namespace ClaimMl.Training;

/// <summary>
/// Judge training pairs of the kind "neither", mined with a judge from labeled claims that no source states or
/// contradicts. An <b>unverified</b> claim's label says that no source takes a position on it, so no passage of its
/// sources entails or contradicts it; the passages a judge reads in them (each source's best-aligned sentences and its
/// window, as <c>tune --tune-window</c> reads them) with a probability of entailing or of contradicting at least
/// <c>floor</c> are that judge's mistakes, and each becomes a <c>neither</c> pair (kind <c>judged-unverified</c>).
/// Confirmed and disputed claims give none: a passage of theirs may state or contradict them, and the label does not
/// say which. Pairs are made in a fixed order (events by folder name, claims as in <c>claims.jsonl</c>, sources by
/// file name, passages as read), each passage once per claim, so that the same folders and judge give the same bytes.
/// </summary>
internal static class JudgedNegativePairs
{
    /// <summary>The kind written with each pair.</summary>
    public const string Kind = "judged-unverified";

    /// <summary>The default floor: a passage read as entailing or contradicting with at least this probability is kept.</summary>
    public const float DefaultFloor = 0.3f;

    /// <summary>The pairs of one labeled set and what was read.</summary>
    /// <param name="Pairs">The pairs, in a fixed order.</param>
    /// <param name="Claims">The claims in the set.</param>
    /// <param name="UnverifiedClaims">The unverified claims read.</param>
    /// <param name="PassagesRead">The passages the judge read for them.</param>
    internal sealed record Result(List<WrittenPairLine> Pairs, int Claims, int UnverifiedClaims, int PassagesRead);

    /// <summary>The pairs of a labeled set (a folder of events, or one event) as <paramref name="checker"/>'s judge reads it.</summary>
    /// <param name="checker">A checker with the judge to mine the mistakes of.</param>
    /// <param name="folder">The set's folder (the layout of <c>evaluate --labeled</c>).</param>
    /// <param name="floor">The probability of entailing or contradicting from which a passage is kept (0 to 1).</param>
    /// <param name="cancellation">Cancels the reading.</param>
    /// <exception cref="ClaimMlDataException">The folder holds no labeled claims, or a claims or source file is malformed.</exception>
    public static Result Read(ClaimChecker checker, string folder, float floor = DefaultFloor, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(checker);
        ArgumentNullException.ThrowIfNull(folder);
        if (!(floor is >= 0f and <= 1f))
        {
            throw new ArgumentOutOfRangeException(nameof(floor), floor, "The floor is a probability, from 0 to 1.");
        }
        List<ClaimSet> sets = LabeledClaimFolder.Load(folder, ClaimCheckerLimits.Unlimited);
        int claims = sets.Sum(s => s.Cases.Count);
        var unverified = sets
            .Select(s => s with { Cases = s.Cases.Where(c => c.Gold == Verdict.Unverified).ToList() })
            .Where(s => s.Cases.Count > 0)
            .ToList();
        // One reading per unverified claim, in set order and claim order (Read keeps both).
        List<TunedClaim> read = JudgeVerdictTuner.Read(checker, unverified, window: true, cancellation: cancellation);
        var pairs = new List<WrittenPairLine>();
        int next = 0, passages = 0;
        foreach (ClaimSet set in unverified)
        {
            foreach (ClaimCase c in set.Cases)
            {
                var seen = new HashSet<string>(StringComparer.Ordinal);
                foreach (SourceReading source in read[next++].Sources)
                {
                    ReadOnlySpan<EntailmentProbabilities> probabilities = source.Probabilities.Span;
                    for (int p = 0; p < source.Passages.Length; p++)
                    {
                        passages++;
                        if (Math.Max(probabilities[p].Entails, probabilities[p].Contradicts) < floor)
                        {
                            continue;
                        }
                        // A joined window shows a separator between its two sentences; the judge reads them side by side.
                        string passage = source.Passages[p].Text.Replace(PassageSelector.JoinedSeparator, " ", StringComparison.Ordinal);
                        if (seen.Add(passage))
                        {
                            pairs.Add(new WrittenPairLine(set.Name, passage, c.Claim, "neither", Kind));
                        }
                    }
                }
            }
        }
        return new Result(pairs, claims, next, passages);
    }
}
