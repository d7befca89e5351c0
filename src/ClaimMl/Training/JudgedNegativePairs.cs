using ClaimMl.DataFormats.ClaimSets;
using ClaimMl.Entailment;

namespace ClaimMl.Training;

/// <summary>
/// Judge training pairs of the kind "neither", mined with a judge from labeled claims that no source states or
/// contradicts. An <b>unverified</b> claim's label says that no source takes a position on it, so no passage of its
/// sources entails or contradicts it; the passages a judge reads in them (each source's best-aligned sentences and its
/// window, as <c>tune --tune-window</c> reads them) with a probability of entailing or of contradicting at least
/// <c>floor</c> are that judge's mistakes, and each becomes a <c>neither</c> pair (kind <c>judged-unverified</c>).
/// With <see cref="MinedClaims.Confirmed"/>, confirmed claims give pairs too: no source contradicts a <b>confirmed</b>
/// claim, so a passage of its sources read as contradicting it with at least <c>floor</c> is a mistake as well; it
/// may state the claim, though, so passages holding one of the sentences its <c>rationale.md</c> quotes (or held in
/// one) are left out, and the rest become <c>neither</c> pairs (kind <c>judged-confirmed</c>); their readings as
/// entailing are not used. Disputed claims give none: a passage of theirs may state or contradict them, and the label
/// does not say which. Pairs are made in a fixed order (events by folder name, claims as in <c>claims.jsonl</c>, sources by
/// file name, passages as read), each passage once per claim, so that the same folders and judge give the same bytes.
/// </summary>
internal static class JudgedNegativePairs
{
    /// <summary>The kind written with each pair of an unverified claim.</summary>
    public const string Kind = "judged-unverified";

    /// <summary>The kind written with each pair of a confirmed claim.</summary>
    public const string ConfirmedKind = "judged-confirmed";

    /// <summary>The default floor: a passage read as entailing or contradicting with at least this probability is kept.</summary>
    public const float DefaultFloor = 0.3f;

    /// <summary>The pairs of one labeled set and what was read.</summary>
    /// <param name="Pairs">The pairs, in a fixed order.</param>
    /// <param name="Claims">The claims in the set.</param>
    /// <param name="UnverifiedClaims">The unverified claims read.</param>
    /// <param name="PassagesRead">The passages the judge read for the claims read.</param>
    /// <param name="ConfirmedClaims">The confirmed claims read (none unless asked for).</param>
    /// <param name="QuotedPassages">Passages of confirmed claims read as contradicting them but left out because they hold a quoted sentence (or are held in one).</param>
    internal sealed record Result(List<WrittenPairLine> Pairs, int Claims, int UnverifiedClaims, int PassagesRead, int ConfirmedClaims = 0, int QuotedPassages = 0);

    /// <summary>The pairs of a labeled set (a folder of events, or one event) as <paramref name="checker"/>'s judge reads it.</summary>
    /// <param name="checker">A checker with the judge to mine the mistakes of.</param>
    /// <param name="folder">The set's folder (the layout of <c>evaluate --labeled</c>).</param>
    /// <param name="floor">The probability from which a passage is kept (0 to 1): of entailing or contradicting an unverified claim, of contradicting a confirmed one.</param>
    /// <param name="claims">Which labeled claims are mined: unverified (the default), confirmed, or both.</param>
    /// <param name="cancellation">Cancels the reading.</param>
    /// <exception cref="ClaimMlDataException">The folder holds no labeled claims, a claims or source file is malformed, or (mining confirmed claims) an event has no <c>rationale.md</c>.</exception>
    public static Result Read(ClaimChecker checker, string folder, float floor = DefaultFloor, MinedClaims claims = MinedClaims.Unverified, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(checker);
        ArgumentNullException.ThrowIfNull(folder);
        if (!(floor is >= 0f and <= 1f))
        {
            throw new ArgumentOutOfRangeException(nameof(floor), floor, "The floor is a probability, from 0 to 1.");
        }
        List<ClaimSet> sets = LabeledClaimFolder.Load(folder, ClaimCheckerLimits.Unlimited);
        int claimCount = sets.Sum(s => s.Cases.Count);
        bool unverified = claims != MinedClaims.Confirmed, confirmed = claims != MinedClaims.Unverified;
        bool Mined(Verdict? gold) => gold == Verdict.Unverified ? unverified : gold == Verdict.Confirmed && confirmed;
        var mined = sets
            .Select(s => s with { Cases = s.Cases.Where(c => Mined(c.Gold)).ToList() })
            .Where(s => s.Cases.Count > 0)
            .ToList();
        // The quoted sentences of the confirmed claims, event by event, read before the judge reads anything so that a
        // missing rationale.md is named at once.
        var quotes = new Dictionary<string, Dictionary<string, List<string>>>(StringComparer.Ordinal);
        foreach (ClaimSet set in mined.Where(s => s.Cases.Any(c => c.Gold == Verdict.Confirmed)))
        {
            quotes[set.Name] = RationaleQuotePairs.QuotesOf(LabeledClaimFolder.IsSet(folder) ? folder : Path.Combine(folder, set.Name));
        }
        // One reading per mined claim, in set order and claim order (Read keeps both).
        List<TunedClaim> read = JudgeVerdictTuner.Read(checker, mined, window: true, cancellation: cancellation);
        var pairs = new List<WrittenPairLine>();
        int next = 0, passages = 0, quoted = 0;
        foreach (ClaimSet set in mined)
        {
            foreach (ClaimCase c in set.Cases)
            {
                bool isConfirmed = c.Gold == Verdict.Confirmed;
                List<string> quotedSentences = isConfirmed && quotes[set.Name].TryGetValue(c.Id, out List<string>? q) ? q : [];
                var seen = new HashSet<string>(StringComparer.Ordinal);
                foreach (SourceReading source in read[next++].Sources)
                {
                    ReadOnlySpan<EntailmentProbabilities> probabilities = source.Probabilities.Span;
                    for (int p = 0; p < source.Passages.Length; p++)
                    {
                        passages++;
                        // An unverified claim: any position taken is a misreading; a confirmed one: only contradicting.
                        float position = isConfirmed ? probabilities[p].Contradicts : Math.Max(probabilities[p].Entails, probabilities[p].Contradicts);
                        if (position < floor)
                        {
                            continue;
                        }
                        if (isConfirmed && HoldsQuote(source.Passages[p].Text, quotedSentences))
                        {
                            quoted++;
                            continue;
                        }
                        // A joined window shows a separator between its two sentences; the judge reads them side by side.
                        string passage = source.Passages[p].Text.Replace(PassageSelector.JoinedSeparator, " ", StringComparison.Ordinal);
                        if (seen.Add(passage))
                        {
                            pairs.Add(new WrittenPairLine(set.Name, passage, c.Claim, "neither", isConfirmed ? ConfirmedKind : Kind));
                        }
                    }
                }
            }
        }
        int confirmedClaims = mined.Sum(s => s.Cases.Count(c => c.Gold == Verdict.Confirmed));
        return new Result(pairs, claimCount, next - confirmedClaims, passages, confirmedClaims, quoted);
    }

    // Whether a passage as shown (a joined window's two sentences apart) holds a quoted sentence or is held in one.
    private static bool HoldsQuote(string shown, List<string> quoted)
    {
        string[] parts = shown.Split(PassageSelector.JoinedSeparator);
        foreach (string quote in quoted)
        {
            foreach (string part in parts)
            {
                if (part.Contains(quote, StringComparison.Ordinal) || quote.Contains(part, StringComparison.Ordinal))
                {
                    return true;
                }
            }
        }
        return false;
    }
}

/// <summary>Which labeled claims <see cref="JudgedNegativePairs.Read"/> mines.</summary>
internal enum MinedClaims
{
    /// <summary>Unverified claims: the passages read as entailing or contradicting them.</summary>
    Unverified,

    /// <summary>Confirmed claims: the passages read as contradicting them, except those holding a quoted sentence.</summary>
    Confirmed,

    /// <summary>Both.</summary>
    Both,
}
