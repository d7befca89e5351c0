using System.Globalization;
using ClaimMl.Entailment;

namespace ClaimMl.Training;

/// <summary>
/// Synthetic pairs that teach the judge that a passage on a claim's subject does not state every claim about it:
/// claims joined from two claims ("C, and D"), against a passage that entails C.
/// <list type="bullet">
/// <item><b>neither</b>: D is a claim of another pair (same origin, same side of the split, another passage) that
/// shares no content word (four letters or more) with the passage, so the passage says nothing about it: it states
/// half of the joined claim and is silent on the rest ("the bridge closed after a crack was found, and it will reopen
/// this month" against "the bridge closed after a crack was found").</item>
/// <item><b>entails</b> / <b>contradicts</b>: D is another claim of the same passage (FEVER gives several claims one
/// evidence): entailed too, the joined claim is entailed; contradicted, it is contradicted. These keep "and" from
/// becoming a cue for neither.</item>
/// </list>
/// Each entailing pair of <see cref="SourceOrigins"/> is drawn with probability 1/every; a pair keeps its passage and
/// group; the origin is "conjunction &lt;origin&gt;". Deterministic for a seed.
/// </summary>
internal static class JudgeConjunctions
{
    /// <summary>The origins whose entailing pairs are joined.</summary>
    public static readonly string[] SourceOrigins = [JudgeOrigins.FeverNli, JudgeOrigins.Emergent, JudgeOrigins.Fnc, JudgeOrigins.CovidFact];

    private const int DonorTries = 12;
    private static readonly string[] Joins = [", and ", "; ", ", and also "];
    private static readonly HashSet<string> LowerCaseStarts = new(StringComparer.Ordinal) { "The", "A", "An", "It", "He", "She", "They", "This", "These", "There", "Its", "His", "Her", "Their" };

    /// <summary>The origin name of the pairs made from <paramref name="origin"/>.</summary>
    public static string Origin(string origin) => "conjunction " + origin;

    /// <summary>The joined-claim pairs of <paramref name="candidates"/>.</summary>
    /// <param name="candidates">All pairs so far.</param>
    /// <param name="isDev">The side of a pair's group (<see langword="null"/>: unknown, not used as a donor).</param>
    /// <param name="seed">The seed.</param>
    /// <param name="every">One entailing pair in this many is joined, about; 0 makes none.</param>
    public static List<JudgeCandidate> Make(IReadOnlyList<JudgeCandidate> candidates, Func<JudgeCandidate, bool?> isDev, int seed, int every)
    {
        var made = new List<JudgeCandidate>();
        if (JudgePairs.PairsToAvoid(candidates, every) is not { } existing)
        {
            return made;
        }
        var byPassage = new Dictionary<string, List<JudgeCandidate>>(StringComparer.Ordinal);
        var donors = new Dictionary<(string Origin, bool Dev), List<JudgeCandidate>>();
        var sides = new Dictionary<JudgeCandidate, bool?>(ReferenceEqualityComparer.Instance);
        foreach (JudgeCandidate c in candidates)
        {
            if (Array.IndexOf(SourceOrigins, c.Origin) < 0 || string.IsNullOrWhiteSpace(c.Claim) || string.IsNullOrWhiteSpace(c.Passage))
            {
                continue;
            }
            if (!byPassage.TryGetValue(c.Passage, out var same))
            {
                byPassage[c.Passage] = same = [];
            }
            same.Add(c);
            bool? dev = sides[c] = isDev(c);
            if (dev is bool side)
            {
                if (!donors.TryGetValue((c.Origin, side), out var list))
                {
                    donors[(c.Origin, side)] = list = [];
                }
                list.Add(c);
            }
        }
        var random = new Random(JudgePairs.SeedFor(seed, "conjunctions"));
        foreach (JudgeCandidate c in candidates)
        {
            if (c.Label != EntailmentLabel.Entails || !sides.TryGetValue(c, out bool? side) || side is not bool dev || random.Next(every) != 0)
            {
                continue;
            }
            string join = Joins[random.Next(Joins.Length)];
            // Another claim of the same passage, when there is one: the joined claim takes its label.
            JudgeCandidate? sibling = byPassage[c.Passage].FirstOrDefault(o => !ReferenceEquals(o, c) && o.Label != EntailmentLabel.Neither
                && !string.Equals(o.Claim, c.Claim, StringComparison.OrdinalIgnoreCase));
            if (sibling is not null && random.Next(2) == 0)
            {
                Add(Join(c.Claim, sibling.Claim, join), sibling.Label);
                continue;
            }
            List<JudgeCandidate> pool = donors[(c.Origin, dev)];
            HashSet<string> passageWords = ContentWords(c.Passage);
            for (int attempt = 0; attempt < DonorTries; attempt++)
            {
                JudgeCandidate donor = pool[random.Next(pool.Count)];
                if (string.Equals(donor.Passage, c.Passage, StringComparison.Ordinal) || ContentWords(donor.Claim).Overlaps(passageWords))
                {
                    continue;
                }
                Add(Join(c.Claim, donor.Claim, join), EntailmentLabel.Neither);
                break;
            }

            void Add(string claim, EntailmentLabel label)
            {
                if (existing.Add((claim, c.Passage)))
                {
                    made.Add(c with { Claim = claim, Label = label, Origin = Origin(c.Origin), Article = null });
                }
            }
        }
        return made;
    }

    /// <summary>"first, and second": the first claim's final stop dropped, the second's first letter lowered when it starts with a common word.</summary>
    internal static string Join(string first, string second, string join)
    {
        string head = first.TrimEnd().TrimEnd('.', '!', ';', ',');
        return head + join + LowerStart(second.Trim());
    }

    /// <summary><paramref name="text"/> with its first letter lowered when its first word is a common one ("The", "It", …), so that it can follow other words.</summary>
    internal static string LowerStart(string text)
    {
        int space = text.IndexOf(' ', StringComparison.Ordinal);
        string firstWord = space < 0 ? text : text[..space];
        return LowerCaseStarts.Contains(firstWord) ? char.ToLower(text[0], CultureInfo.InvariantCulture) + text[1..] : text;
    }

    /// <summary>Lower-cased words of four letters or more.</summary>
    internal static HashSet<string> ContentWords(string text)
    {
        var words = new HashSet<string>(StringComparer.Ordinal);
        int start = -1;
        for (int i = 0; i <= text.Length; i++)
        {
            bool letter = i < text.Length && char.IsLetterOrDigit(text[i]);
            if (letter && start < 0)
            {
                start = i;
            }
            else if (!letter && start >= 0)
            {
                if (i - start >= 4)
                {
                    words.Add(text[start..i].ToLowerInvariant());
                }
                start = -1;
            }
        }
        return words;
    }
}
