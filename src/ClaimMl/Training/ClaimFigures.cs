using System.Globalization;
using System.Text.RegularExpressions;

namespace ClaimMl.Training;

/// <summary>
/// A claim's figure said in other words, once so that it still holds and once so that it no longer does, so that the
/// judge learns to compare what two numbers say rather than whether they are written alike: "27 miles" is stated by
/// "nearly 30 miles" and "more than 20 miles" and contradicted by "more than 40 miles"; "fell from 268 to 212" is
/// stated by "fell by more than 50" and contradicted by "fell by about 150"; "ten years" is "a decade", not "two
/// decades". The same hedges ("about", "more than", "fewer than", "nearly") are used on both sides, so that the hedge
/// word does not tell one from the other. Used at training time only; the word lists were written for this project.
/// </summary>
internal static class ClaimFigures
{
    /// <summary>A figure said two ways: one the original still states, one it rules out; and the figure's text as the claim wrote it.</summary>
    internal readonly record struct Restatement(string Restated, string Misstated, string Figure);

    private const RegexOptions Options = RegexOptions.CultureInvariant;

    private const string Digits = @"\d{1,3}(?:,\d{3})+|\d{2,}";

    /// <summary>A change between two counts ("fell from 268 to 212") after a verb of change.</summary>
    private static readonly Regex Change = new($@"\b(?<verb>rose|risen|fell|fallen|dropped|increased|decreased|grew|grown|climbed|declined|jumped|slipped|shrank|shrunk|cut|reduced|raised|lowered|went up|went down) from (?<a>{Digits}) to (?<b>{Digits})(?![\w%:/-]|[.,]\d| ?percent| ?per cent)", Options);

    /// <summary>Spans of time said another way: the pattern, what it also is, what it is not.</summary>
    private sealed record SpanEdit(Regex Pattern, string Same, string[] Other, bool BeforePluralOnly = false);

    private static readonly SpanEdit[] Spans =
    [
        new(Span("(?:10|ten) years"), "a decade", ["two decades", "five years", "half a decade"]),
        new(Span("(?:10|ten)-year"), "decade-long", ["two-decade", "five-year"]),
        new(Span("(?:20|twenty) years"), "two decades", ["a decade", "three decades"]),
        new(Span("(?:12|twelve) months"), "a year", ["two years", "half a year"]),
        new(Span("(?:6|six) months"), "half a year", ["a year", "two years"]),
        new(Span("(?:18|eighteen) months"), "a year and a half", ["two and a half years", "half a year"]),
        new(Span("(?:24|twenty-four) hours"), "a day", ["two days", "a week"]),
        new(Span("(?:7|seven) days"), "a week", ["two weeks", "a month"]),
        new(Span("(?:14|fourteen) days"), "two weeks", ["a week", "a month"]),
        new(Span("(?:30|thirty) minutes"), "half an hour", ["an hour", "two hours"]),
        new(Span("(?:60|sixty) minutes"), "an hour", ["half an hour", "two hours"]),
        new(Span("(?:100|a hundred|one hundred) years"), "a century", ["half a century", "two centuries"]),
        new(Span("(?:50|fifty) years"), "half a century", ["a century", "a decade"]),
        new(Span("(?:12|twelve)"), "a dozen", ["two dozen", "half a dozen"], true),
    ];

    private static Regex Span(string words) => new($@"(?<![\w.,$-])(?i:{words})(?![\w-]|[.,]\d)", Options);

    /// <summary>A span only counts as a dozen before a plural noun (not "12 p.m.", "at 12").</summary>
    private static readonly Regex PluralNext = new(@"^ [a-z]+s\b", Options);

    /// <summary>
    /// The claim's first figure restated so that the claim still says the same, and misstated with the same kind of
    /// hedge so that the original rules it out; <see langword="null"/> when the claim has no figure that can be.
    /// Tries, in a random order, a change between two counts, a span of time, a count.
    /// </summary>
    public static Restatement? Restate(string claim, Random random)
    {
        ArgumentNullException.ThrowIfNull(claim);
        ArgumentNullException.ThrowIfNull(random);
        int first = random.Next(3);
        for (int k = 0; k < 3; k++)
        {
            Restatement? made = ((first + k) % 3) switch
            {
                0 => RestateChange(claim, random),
                1 => RestateSpan(claim, random),
                _ => RestateCount(claim, random),
            };
            if (made is not null)
            {
                return made;
            }
        }
        return null;
    }

    /// <summary>"fell from 268 to 212" → "fell by more than 50" (stated) and "fell by about 150" (ruled out).</summary>
    internal static Restatement? RestateChange(string claim, Random random)
    {
        Match m = Change.Match(claim);
        if (!m.Success || !ClaimParaphrase.TryCount(m.Groups["a"].Value, out long a) || !ClaimParaphrase.TryCount(m.Groups["b"].Value, out long b))
        {
            return null;
        }
        long difference = Math.Abs(a - b);
        if (difference < 10)
        {
            return null;
        }
        bool grouped = m.Groups["a"].Value.Contains(',', StringComparison.Ordinal);
        string? same = Hedge(difference, holds: true, grouped, string.Empty, random);
        string? other = Hedge(difference, holds: false, grouped, string.Empty, random);
        if (same is null || other is null)
        {
            return null;
        }
        int start = m.Groups["a"].Index - "from ".Length;
        int end = m.Index + m.Length;
        string head = claim[..start];
        string tail = claim[end..];
        return new Restatement(head + "by " + same + tail, head + "by " + other + tail, claim[start..end]);
    }

    /// <summary>"ten years" → "a decade" (stated) and "two decades" (ruled out).</summary>
    internal static Restatement? RestateSpan(string claim, Random random)
    {
        foreach ((Regex pattern, string same, string[] other, bool beforePluralOnly) in Spans)
        {
            Match m = pattern.Match(claim);
            if (!m.Success)
            {
                continue;
            }
            string head = claim[..m.Index];
            string tail = claim[(m.Index + m.Length)..];
            if (beforePluralOnly && (!PluralNext.IsMatch(tail) || !ClaimParaphrase.IsCount(claim, m.Index, m.Length) || head.EndsWith("the ", StringComparison.OrdinalIgnoreCase)))
            {
                continue; // "12 eggs" is a dozen eggs; "at 12", "Room 12" and "the 12 eggs" are not
            }
            string wrong = other[random.Next(other.Length)];
            return new Restatement(ClaimParaphrase.StartSentence(head + same + tail, m.Index), ClaimParaphrase.StartSentence(head + wrong + tail, m.Index), m.Value);
        }
        return null;
    }

    /// <summary>
    /// The first count (<see cref="ClaimParaphrase.IsCount"/>) written as a hedge that still holds ("27" → "nearly 30",
    /// "more than 20", "fewer than 30", "about 30") and one that does not ("more than 40", "fewer than 20", "about 60",
    /// "nearly 20").
    /// </summary>
    internal static Restatement? RestateCount(string claim, Random random)
    {
        foreach (ClaimParaphrase.Count count in ClaimParaphrase.Counts(claim))
        {
            (long value, string prefix, bool grouped) = (count.Value, count.Prefix, count.Grouped);
            string? same = Hedge(value, holds: true, grouped, prefix, random);
            string? other = Hedge(value, holds: false, grouped, prefix, random);
            if (same is null || other is null)
            {
                continue;
            }
            string head = claim[..count.Start];
            string tail = claim[count.End..];
            return new Restatement(ClaimParaphrase.StartSentence(head + same + tail, count.Start), ClaimParaphrase.StartSentence(head + other + tail, count.Start), claim[count.Start..count.End]);
        }
        return null;
    }

    private static readonly string[] More = ["more than", "over", "at least"];
    private static readonly string[] Fewer = ["fewer than", "less than", "under"];
    private static readonly string[] About = ["about", "around", "roughly", "some", "approximately"];
    private static readonly string[] Nearly = ["nearly", "almost", "just under", "a little under", "close to"];

    /// <summary>
    /// <paramref name="value"/> said with a hedge of a random kind, so that the hedged figure holds of the value
    /// (<paramref name="holds"/>) or is ruled out by it; null when no figure of that kind can be made.
    /// </summary>
    internal static string? Hedge(long value, bool holds, bool grouped, string prefix, Random random)
    {
        int first = random.Next(4);
        for (int k = 0; k < 4; k++)
        {
            int kind = (first + k) % 4;
            long figure = (kind, holds) switch
            {
                (0, true) => RoundBelow(value),
                (0, false) => RoundAbove(value * (15 + random.Next(16)) / 10),
                (1, true) => RoundAbove(value) is var above && above <= value * 3 / 2 ? above : 0,
                (1, false) => ClaimParaphrase.RoundDown(value * (3 + random.Next(4)) / 10),
                (2, true) => Nearest(value) is var near && Math.Abs(near - value) * 100 <= value * 12 ? near : 0,
                (2, false) => Nearest(random.Next(2) == 0 ? value * (20 + random.Next(11)) / 10 : value * (3 + random.Next(3)) / 10),
                (3, true) => RoundAbove(value) is var up && (up - value) * 100 <= up * 15 ? up : 0,
                _ => ClaimParaphrase.RoundDown(value * (4 + random.Next(4)) / 10),
            };
            bool ruledOut = kind switch
            {
                0 => figure > value,
                2 => Math.Abs(figure - value) * 10 >= value * 4,
                _ => figure < value,
            };
            if (figure < 3 || (!holds && !ruledOut))
            {
                continue;
            }
            string[] words = kind switch { 0 => More, 1 => Fewer, 2 => About, _ => Nearly };
            string number = grouped || figure >= 10_000 ? figure.ToString("N0", CultureInfo.InvariantCulture) : figure.ToString(CultureInfo.InvariantCulture);
            return words[random.Next(words.Length)] + " " + prefix + number;
        }
        return null;
    }

    /// <summary>The largest round number (one significant digit below 100, two above) below the value; 0 when none.</summary>
    internal static long RoundBelow(long value)
    {
        long round = ClaimParaphrase.RoundDown(value);
        if (round < value)
        {
            return round;
        }
        long unit = ClaimParaphrase.RoundingUnit(value);
        return round - unit;
    }

    /// <summary>The smallest round number (one significant digit below 100, two above) above the value.</summary>
    internal static long RoundAbove(long value)
    {
        long unit = ClaimParaphrase.RoundingUnit(value);
        return (value / unit + 1) * unit;
    }

    /// <summary>The nearest number with one significant digit, or two when one is more than 12% off.</summary>
    internal static long Nearest(long value)
    {
        if (value < 10)
        {
            return value;
        }
        long unit = 1;
        while (value / unit >= 10)
        {
            unit *= 10;
        }
        long one = (value + unit / 2) / unit * unit;
        if (Math.Abs(one - value) * 100 <= value * 12)
        {
            return one;
        }
        unit /= 10;
        return (value + unit / 2) / unit * unit;
    }
}
