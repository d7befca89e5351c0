using ClaimMl.Text;

namespace ClaimMl.Training;

/// <summary>
/// Misstated figures written in words, for the judge: from entailing written pairs and pairs of FEVER, Emergent, FNC-1
/// and FNC-1's article sentences (<see cref="JudgeCloseFigures.SourceOrigins"/>) whose claim writes a number of 2 to 99 in
/// words (<see cref="NumberWords"/>) that the passage also holds (in words or digits), the claim with that number
/// changed to another close one, still in words ("eight" → "five", "Thirty-one" → "Forty-one"), against the same
/// passage: contradicts. The other figure edits change digits, and a judge trained on them reads "Eight pupils were
/// taken to hospital" against "Five were taken to hospital" as entailed while it reads "8" against "5" as contradicted.
/// A number the passage also holds is not put in. Each entailing pair is drawn with probability 1/every; made last,
/// from random sequences of their own, so that every other pair is the same as without them. A claim that some pair
/// already pairs with the same passage is refused. Each pair keeps its passage and group.
/// </summary>
internal static class JudgeNumberWordFigures
{
    /// <summary>The origin name of the pairs made from pairs of <paramref name="origin"/>.</summary>
    public static string Origin(string origin) => "number word " + origin;

    /// <summary>The misstated number words of <paramref name="candidates"/>, in their order.</summary>
    /// <param name="candidates">The pairs to draw from (only entailing pairs of <see cref="JudgeCloseFigures.SourceOrigins"/> are).</param>
    /// <param name="seed">The seed.</param>
    /// <param name="every">One pair drawn per this many, about; 0 draws none.</param>
    public static List<JudgeCandidate> Make(IReadOnlyList<JudgeCandidate> candidates, int seed, int every) =>
        JudgeContradictions.MakeEdited(candidates, JudgeCloseFigures.SourceOrigins, seed, every, Origin, Origin, (c, random) => Misstate(c.Claim, c.Passage, random));

    /// <summary>
    /// The claim with its first number in words (2 to 99) that the passage holds changed to a close number the passage
    /// does not hold, in words, its first letter's case kept; null when there is none.
    /// </summary>
    internal static string? Misstate(string claim, string passage, Random random)
    {
        List<(int Start, int End, int Value)> inClaim = NumberWords.Find(claim);
        if (inClaim.Count == 0)
        {
            return null;
        }
        HashSet<int> held = Values(passage);
        foreach (var (start, end, value) in inClaim)
        {
            if (value > 99 || !held.Contains(value))
            {
                continue;
            }
            int[] close = [.. Close(value).Where(v => v is >= 2 and <= 99 && v != value && !held.Contains(v)).Distinct()];
            if (close.Length == 0)
            {
                return null;
            }
            string word = NumberWords.Write(close[random.Next(close.Length)]);
            if (char.IsUpper(claim[start]))
            {
                word = char.ToUpperInvariant(word[0]) + word[1..];
            }
            return string.Concat(claim.AsSpan(0, start), word, claim.AsSpan(end));
        }
        return null;
    }

    /// <summary>Numbers a person misstating <paramref name="value"/> might write: one to three either side, ten either side, its digits swapped.</summary>
    private static IEnumerable<int> Close(int value)
    {
        yield return value - 1;
        yield return value + 1;
        yield return value - 2;
        yield return value + 2;
        yield return value + 3;
        if (value >= 12)
        {
            yield return value - 10;
            yield return value + 10;
        }
        if (value >= 21 && value % 10 != 0)
        {
            yield return value % 10 * 10 + value / 10;
        }
    }

    /// <summary>The numbers a passage holds, in words or in digits (whole numbers only).</summary>
    private static HashSet<int> Values(string passage)
    {
        var values = new HashSet<int>();
        foreach (var (_, _, value) in NumberWords.Find(passage))
        {
            values.Add(value);
        }
        foreach (Token token in WordTokenizer.Tokenize(passage))
        {
            if (token.IsNumber && token.Value == Math.Floor(token.Value) && token.Value is >= 0 and <= int.MaxValue)
            {
                values.Add((int)token.Value);
            }
        }
        return values;
    }
}
