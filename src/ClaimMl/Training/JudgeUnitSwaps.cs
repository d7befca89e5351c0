using System.Collections.Frozen;
using System.Text.RegularExpressions;
using ClaimMl.Text;

namespace ClaimMl.Training;

/// <summary>
/// Quantities told in the wrong unit, for the judge: from entailing written pairs and pairs of FEVER, Emergent, FNC-1
/// and FNC-1's article sentences (<see cref="JudgeCloseFigures.SourceOrigins"/>) whose claim gives a number with a unit
/// ("six weeks", "4.2 million", "a 12-kilometre route") that the passage also gives, the claim with that unit changed to
/// a neighbour of its kind ("six months", "4.2 billion", "a 12-metre route") against the same passage: contradicts. The
/// other figure edits change the number and keep the unit, and a judge trained on them reads "The library will close
/// for six months" against "… will close for six weeks" as stated (0.94). Left alone: a claim with a negation, a
/// quantity after a bound ("less than", "more than", "within", "up to"; changing the unit can keep such a claim true),
/// an age ("63-year-old"), and a unit the passage also gives with the same number. Each entailing pair is drawn with
/// probability 1/every; made last, from random sequences of their own, so that every other pair is the same as without
/// them. A claim that some pair already pairs with the same passage is refused. Each pair keeps its passage and group.
/// </summary>
internal static partial class JudgeUnitSwaps
{
    /// <summary>The units, each kind in order of size; a unit is changed to one or two places either side.</summary>
    private static readonly string[][] Kinds =
    [
        ["minute", "hour", "day", "week", "month", "year", "decade"],
        ["millimetre", "centimetre", "metre", "kilometre"],
        ["gram", "kilogram", "tonne"],
        ["thousand", "million", "billion"],
    ];

    /// <summary>Each unit (singular, any case) with its kind and its place in it.</summary>
    private static readonly FrozenDictionary<string, (string[] Kind, int At)> Units = Kinds
        .SelectMany(kind => kind.Select((unit, at) => KeyValuePair.Create(unit, (kind, at))))
        .ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>The origin name of the pairs made from pairs of <paramref name="origin"/>.</summary>
    public static string Origin(string origin) => "unit swapped " + origin;

    /// <summary>The claims with a unit changed, in the order of <paramref name="candidates"/>.</summary>
    /// <param name="candidates">The pairs to draw from (only entailing pairs of <see cref="JudgeCloseFigures.SourceOrigins"/> are).</param>
    /// <param name="seed">The seed.</param>
    /// <param name="every">One pair drawn per this many, about; 0 draws none.</param>
    public static List<JudgeCandidate> Make(IReadOnlyList<JudgeCandidate> candidates, int seed, int every) =>
        JudgeContradictions.MakeEdited(candidates, JudgeCloseFigures.SourceOrigins, seed, every, Origin, Origin, (c, random) => Swap(c.Claim, c.Passage, random));

    /// <summary>
    /// The claim with the unit of its first quantity that the passage also gives changed to a neighbour of its kind that
    /// the passage does not give with that number (singular or plural as it was); null when there is none, or the claim
    /// holds a negation.
    /// </summary>
    internal static string? Swap(string claim, string passage, Random random)
    {
        ArgumentNullException.ThrowIfNull(claim);
        ArgumentNullException.ThrowIfNull(passage);
        if (JudgeDetailDeletions.Negation().IsMatch(claim))
        {
            return null;
        }
        foreach (Match m in Quantity().Matches(claim))
        {
            Group unit = m.Groups["unit"];
            string number = m.Groups["number"].Value;
            if (!char.IsAsciiDigit(number[0]) && !NumberWords.IsNumberWord(number) && !number.Equals("hundred", StringComparison.OrdinalIgnoreCase))
            {
                continue; // "the weeks", "many years": no number
            }
            string separator = m.Groups["separator"].Value;
            string after = claim[(m.Index + m.Length)..];
            if (Bound().IsMatch(claim.AsSpan(0, m.Index)) || after.StartsWith("-old", StringComparison.Ordinal) || after.StartsWith(" old", StringComparison.Ordinal)
                || passage.IndexOf(m.Value, StringComparison.OrdinalIgnoreCase) < 0)
            {
                continue;
            }
            bool isPlural = unit.Value.EndsWith('s') || unit.Value.EndsWith('S');
            string singular = isPlural ? unit.Value[..^1] : unit.Value;
            string plural = isPlural ? "s" : string.Empty;
            if (!Units.TryGetValue(singular, out var place))
            {
                continue;
            }
            var (kind, at) = place;
            var others = new List<string>(4);
            foreach (int step in (ReadOnlySpan<int>)[-2, -1, 1, 2])
            {
                int i = at + step;
                if (i >= 0 && i < kind.Length)
                {
                    string other = kind[i] + plural;
                    if (passage.IndexOf(number + separator + other, StringComparison.OrdinalIgnoreCase) < 0)
                    {
                        others.Add(other);
                    }
                }
            }
            if (others.Count == 0)
            {
                continue;
            }
            return string.Concat(claim.AsSpan(0, unit.Index), others[random.Next(others.Count)], claim.AsSpan(unit.Index + unit.Length));
        }
        return null;
    }

    /// <summary>
    /// A number in digits or a word before a unit, after a space or a hyphen ("second" is left out: "a second study"); the
    /// word is a number when <see cref="NumberWords"/> reads it as one, or is "hundred" (not "a", which is also a rate:
    /// "32 hours a week").
    /// </summary>
    [GeneratedRegex(@"\b(?<number>\d[\d.,]*|[a-z]+)(?<separator>[ -])(?<unit>(?:minute|hour|day|week|month|year|decade|millimetre|centimetre|metre|kilometre|gram|kilogram|tonne)s?|thousand|million|billion)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Quantity();

    /// <summary>A bound just before a quantity ("less than", "more than", "over", "within", "up to", "at least"), at the end of the text before it.</summary>
    [GeneratedRegex(@"\b(?:less|fewer|more|greater|longer|shorter|higher|lower) than\s*$|\b(?:under|over|within|below|above|up to|at least|at most|no more than|as many as|as much as)\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Bound();
}
