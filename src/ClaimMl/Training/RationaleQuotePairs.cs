using System.Text.RegularExpressions;
using ClaimMl.DataFormats;
using ClaimMl.DataFormats.ClaimSets;

namespace ClaimMl.Training;

/// <summary>
/// Judge training pairs from labeled claims and the sentences that decide them: a labeled set in the
/// <c>evaluate --labeled</c> layout whose events carry a <c>rationale.md</c> quoting, under a heading
/// <c>## &lt;claim id&gt;: &lt;label&gt;</c>, the deciding sentences as <c>- &lt;source file&gt;: "&lt;sentence&gt;"</c>
/// (the layout of <c>data/holdout</c>). The claim's label in <c>claims.jsonl</c> says how its quotes read it:
/// <list type="bullet">
/// <item><b>confirmed</b>: each quoted source's quotes (one or two; joined in the order they stand in the source)
/// entail the claim, since no source contradicts a confirmed claim and every quote is one that decided it (a source
/// quoted three times or more is left out: joined, it would not fit the judge's window);</item>
/// <item><b>unverified</b>: each quote alone is neither (a sentence about the claim's subject that takes no position);</item>
/// <item><b>disputed</b>: only when one source is quoted (one or two quotes), its quotes joined contradict the claim;
/// with several sources quoted, which contradicts and which states the claim (two reports differing on a figure) is
/// not recorded, so none is used.</item>
/// </list>
/// Quotes under a heading that is not in that form, quotes not found word for word in the file they name (an escaped
/// <c>\"</c> is read as <c>"</c>) and quotes naming a file that is not among the event's sources are skipped and
/// counted, and a claim left with no quote gives no pair. Pairs are made in
/// a fixed order (events by folder name, claims as in <c>claims.jsonl</c>, sources by file name) so that the same
/// folders give the same bytes.
/// </summary>
internal static partial class RationaleQuotePairs
{
    /// <summary>The file beside <c>claims.jsonl</c> that quotes each claim's deciding sentences.</summary>
    public const string RationaleFile = "rationale.md";

    /// <summary>How many of a source's quotes are joined into one passage at most.</summary>
    public const int MaxQuotesJoined = 2;

    /// <summary>The pairs of one labeled set and what was skipped.</summary>
    /// <param name="Pairs">The pairs, in a fixed order.</param>
    /// <param name="Claims">The claims read.</param>
    /// <param name="ClaimsWithoutQuotes">Claims with no usable quote (no heading in the expected form, or none of its quotes found).</param>
    /// <param name="SkippedQuotes">Quote lines under no heading read, naming a file that is not a source of the event, or not found in it word for word.</param>
    internal sealed record Result(List<WrittenPairLine> Pairs, int Claims, int ClaimsWithoutQuotes, int SkippedQuotes);

    [GeneratedRegex(@"^## +(\S+?):? +(confirmed|disputed|unverified)\s*$")]
    private static partial Regex Heading();

    [GeneratedRegex(@"^- `?([^`:\n]+\.txt)`?: ""(.*)""\s*$")]
    private static partial Regex Quote();

    /// <summary>The pairs of a labeled set: a folder of events, or one event.</summary>
    /// <param name="folder">The set's folder.</param>
    /// <exception cref="ClaimMlDataException">The folder holds no event with a <c>rationale.md</c>, or a claims file is malformed.</exception>
    public static Result Read(string folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        if (!Directory.Exists(folder))
        {
            throw new ClaimMlDataException(folder, 0, null, "the folder does not exist.");
        }
        IEnumerable<string> events = IsEvent(folder) ? [folder] : Directory.GetDirectories(folder).Order(StringComparer.Ordinal).Where(IsEvent);
        var pairs = new List<WrittenPairLine>();
        int claims = 0, withoutQuotes = 0, skipped = 0;
        foreach (string eventFolder in events)
        {
            var (eventPairs, eventClaims, eventWithout, eventSkipped) = ReadEvent(eventFolder);
            pairs.AddRange(eventPairs);
            claims += eventClaims;
            withoutQuotes += eventWithout;
            skipped += eventSkipped;
        }
        if (claims == 0)
        {
            throw new ClaimMlDataException(folder, 0, null, $"no labeled claims with a {RationaleFile} found: expected {LabeledClaimFolder.ClaimsFile}, {LabeledClaimFolder.SourcesFolder}/ and {RationaleFile} in the folder or in its subfolders.");
        }
        return new Result(pairs, claims, withoutQuotes, skipped);
    }

    private static bool IsEvent(string folder) =>
        File.Exists(Path.Combine(folder, LabeledClaimFolder.ClaimsFile)) && Directory.Exists(Path.Combine(folder, LabeledClaimFolder.SourcesFolder)) && File.Exists(Path.Combine(folder, RationaleFile));

    private static Result ReadEvent(string folder)
    {
        string group = Path.GetFileName(Path.TrimEndingDirectorySeparator(folder));
        string claimsPath = Path.Combine(folder, LabeledClaimFolder.ClaimsFile);
        List<ClaimInput> claims = ClaimFile.Read(claimsPath, ClaimCheckerLimits.Unlimited);
        Dictionary<string, string> texts = SourceFolder.Read(Path.Combine(folder, LabeledClaimFolder.SourcesFolder), ClaimCheckerLimits.Unlimited)
            .ToDictionary(s => s.Name, s => s.Text, StringComparer.Ordinal);

        var (quotes, skipped) = ReadQuotes(folder, texts);

        var pairs = new List<WrittenPairLine>();
        int withoutQuotes = 0;
        foreach (ClaimInput claim in claims)
        {
            Verdict label = claim.Expected
                ?? throw new ClaimMlDataException(claimsPath, claim.Line, "expected", "the claim has no 'expected' verdict (\"confirmed\", \"disputed\" or \"unverified\"); every claim of a labeled set needs one.");
            if (!quotes.TryGetValue(claim.Id, out Dictionary<string, List<string>>? byFile) || byFile.Count == 0)
            {
                withoutQuotes++;
                continue;
            }
            // Sources by file name; a source's quotes in the order they stand in it.
            var sources = byFile.OrderBy(f => f.Key, StringComparer.Ordinal)
                .Select(f => f.Value.OrderBy(q => texts[f.Key].IndexOf(q, StringComparison.Ordinal)).ToList())
                .ToList();
            string kind = "quote-" + Words.Of(label);
            void Add(string passage, string pairLabel) => pairs.Add(new WrittenPairLine(group, passage, claim.Text, pairLabel, kind));
            switch (label)
            {
                case Verdict.Confirmed:
                    foreach (List<string> source in sources.Where(s => s.Count <= MaxQuotesJoined))
                    {
                        Add(string.Join(' ', source), "entails");
                    }
                    break;
                case Verdict.Unverified:
                    foreach (string sentence in sources.SelectMany(s => s))
                    {
                        Add(sentence, "neither");
                    }
                    break;
                default:
                    if (sources is [{ Count: <= MaxQuotesJoined } only])
                    {
                        Add(string.Join(' ', only), "contradicts");
                    }
                    break;
            }
        }
        return new Result(pairs, claims.Count, withoutQuotes, skipped);
    }

    /// <summary>
    /// The quoted sentences of each claim of an event, by claim id (all its sources' quotes, sources by file name, each
    /// quote once), as <see cref="Read"/> reads them: quote lines it skips are left out.
    /// </summary>
    /// <param name="folder">The event's folder (<c>sources/</c> and <c>rationale.md</c>).</param>
    /// <exception cref="ClaimMlDataException">The folder has no <c>rationale.md</c>, or a source file is malformed.</exception>
    public static Dictionary<string, List<string>> QuotesOf(string folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        string rationale = Path.Combine(folder, RationaleFile);
        if (!File.Exists(rationale))
        {
            throw new ClaimMlDataException(rationale, 0, null, "the file does not exist; each claim's quoted sentences are read from it.");
        }
        Dictionary<string, string> texts = SourceFolder.Read(Path.Combine(folder, LabeledClaimFolder.SourcesFolder), ClaimCheckerLimits.Unlimited)
            .ToDictionary(s => s.Name, s => s.Text, StringComparer.Ordinal);
        return ReadQuotes(folder, texts).Quotes.ToDictionary(
            c => c.Key,
            c => c.Value.OrderBy(f => f.Key, StringComparer.Ordinal).SelectMany(f => f.Value).Distinct(StringComparer.Ordinal).ToList(),
            StringComparer.Ordinal);
    }

    // Each claim's quotes, by source file, each quote once, in the order the rationale gives them; and how many quote
    // lines were skipped.
    private static (Dictionary<string, Dictionary<string, List<string>>> Quotes, int Skipped) ReadQuotes(string folder, Dictionary<string, string> texts)
    {
        var quotes = new Dictionary<string, Dictionary<string, List<string>>>(StringComparer.Ordinal);
        Dictionary<string, List<string>>? current = null;
        int skipped = 0;
        foreach (string line in StrictText.ReadAll(Path.Combine(folder, RationaleFile)).ReplaceLineEndings("\n").Split('\n'))
        {
            if (Heading().Match(line) is { Success: true } heading)
            {
                quotes[heading.Groups[1].Value] = current = new Dictionary<string, List<string>>(StringComparer.Ordinal);
                continue;
            }
            if (line.StartsWith("## ", StringComparison.Ordinal))
            {
                current = null; // a heading in another form: its quotes belong to no claim read
                continue;
            }
            if (Quote().Match(line) is not { Success: true } quote)
            {
                continue;
            }
            if (current is null)
            {
                skipped++;
                continue;
            }
            string file = quote.Groups[1].Value, text = quote.Groups[2].Value;
            if (!texts.TryGetValue(file, out string? source))
            {
                skipped++;
                continue;
            }
            if (!source.Contains(text, StringComparison.Ordinal))
            {
                text = text.Replace("\\\"", "\"", StringComparison.Ordinal);
            }
            if (!source.Contains(text, StringComparison.Ordinal))
            {
                skipped++;
                continue;
            }
            List<string> ofFile = current.TryGetValue(file, out List<string>? existing) ? existing : current[file] = [];
            if (!ofFile.Contains(text, StringComparer.Ordinal))
            {
                ofFile.Add(text);
            }
        }
        return (quotes, skipped);
    }
}
