using ClaimMl.Entailment;

namespace ClaimMl.Training;

/// <summary>
/// Synthetic pairs that teach the judge who says a thing, not only what is said: a passage that states a claim,
/// put inside a frame that reports it as hearsay, confirms it or denies it.
/// <list type="bullet">
/// <item><b>hearsay</b> (neither): the passage reported as a rumour, a guess or an open question ("Posts on social
/// media claimed that …", "It is not yet known whether …"): a source that passes a rumour on does not state it.</item>
/// <item><b>hearsay, both sides</b> (entails): the claim in the same frame as the passage ("Posts claimed that C" against
/// "Posts claimed that P"), so that a frame's words are not a cue for neither by themselves.</item>
/// <item><b>confirmed</b> (entails): the passage confirmed by someone in a position to know ("Officials confirmed that
/// …", "…, police said").</item>
/// <item><b>denied</b> (contradicts): the claim denied ("The company denied reports that …"); the passage's words when
/// it is about as short as the claim (it then says no more than the claim), else the claim's own words, since
/// denying a longer passage need not deny every part of it.</item>
/// </list>
/// Each entailing pair of <see cref="SourceOrigins"/> is drawn with probability 1/every; a pair keeps its group; the
/// origin names the kind and the pair it was made from. The frames were written for this project. Deterministic for a
/// seed.
/// </summary>
internal static class JudgeFrames
{
    /// <summary>The origins whose entailing pairs are framed.</summary>
    public static readonly string[] SourceOrigins = [JudgeOrigins.FeverNli, JudgeOrigins.Emergent, JudgeOrigins.Fnc, JudgeOrigins.FncSentence];

    /// <summary>A passage no more than this many words longer than its claim is denied in its own words.</summary>
    internal const int DenyPassageSlack = 6;

    /// <summary>Frames that pass a statement on without standing behind it ({0}: the statement, its first letter lowered when it starts with a common word, no final stop).</summary>
    internal static readonly string[] Hearsay =
    [
        "Posts on social media claimed that {0}.",
        "According to unconfirmed reports, {0}.",
        "It is rumoured that {0}.",
        "Some residents believe that {0}.",
        "A message circulating online says {0}.",
        "One onlooker, who did not want to be named, reckons {0}.",
        "There is speculation that {0}.",
        "Critics have alleged that {0}.",
        "It is not yet known whether {0}.",
        "Reports that {0} could not be confirmed.",
        "Nobody has yet confirmed claims that {0}.",
        "Whether {0} remains unclear.",
        "Several people said they had heard that {0}.",
        "A campaign group is asking whether {0}.",
        "Users of an online forum have suggested that {0}.",
        "A spokesperson declined to comment on claims that {0}.",
        "Rumours that {0} spread quickly on Tuesday.",
        "One blogger insists that {0}.",
        "It has been suggested, without evidence, that {0}.",
        "Friends of the family say they suspect that {0}.",
    ];

    /// <summary>Frames in which someone in a position to know states the statement.</summary>
    internal static readonly string[] Confirmed =
    [
        "Officials confirmed that {0}.",
        "{0}, police said.",
        "A spokesperson for the company said {0}.",
        "Investigators have established that {0}.",
        "It has now been confirmed that {0}.",
        "{0}, the authorities said in a statement.",
        "Records published on Monday show that {0}.",
    ];

    /// <summary>Frames that deny the statement.</summary>
    internal static readonly string[] Denied =
    [
        "Officials denied that {0}.",
        "Police said claims that {0} were false.",
        "The company dismissed reports that {0}.",
        "There is no truth in suggestions that {0}, a spokesperson said.",
        "Claims that {0} are untrue, the council said.",
        "Investigators have ruled out that {0}.",
        "A spokesperson flatly denied reports that {0}.",
        "It is false that {0}, officials said.",
    ];

    /// <summary>The origin name of the pairs of a kind ("hearsay", "confirmed", "denied") made from <paramref name="origin"/>.</summary>
    public static string Origin(string kind, string origin) => kind + " " + origin;

    /// <summary>The framed pairs of <paramref name="candidates"/>.</summary>
    /// <param name="candidates">All pairs so far.</param>
    /// <param name="seed">The seed.</param>
    /// <param name="every">One entailing pair in this many is framed, about; 0 makes none.</param>
    public static List<JudgeCandidate> Make(IReadOnlyList<JudgeCandidate> candidates, int seed, int every)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentOutOfRangeException.ThrowIfNegative(every);
        var made = new List<JudgeCandidate>();
        if (every == 0)
        {
            return made;
        }
        HashSet<(string, string)> existing = JudgePairs.ClaimPassagePairs(candidates);
        var random = new Random(JudgePairs.SeedFor(seed, "frames"));
        foreach (JudgeCandidate c in candidates)
        {
            if (c.Label != EntailmentLabel.Entails || Array.IndexOf(SourceOrigins, c.Origin) < 0
                || string.IsNullOrWhiteSpace(c.Claim) || string.IsNullOrWhiteSpace(c.Passage) || random.Next(every) != 0)
            {
                continue;
            }
            int kind = random.Next(20);
            if (kind < 10)
            {
                Add(c.Claim, Frame(Hearsay, c.Passage), EntailmentLabel.Neither, "hearsay");
            }
            else if (kind < 13)
            {
                string frame = Hearsay[random.Next(Hearsay.Length)];
                Add(Apply(frame, c.Claim), Apply(frame, c.Passage), EntailmentLabel.Entails, "hearsay");
            }
            else if (kind < 16)
            {
                Add(c.Claim, Frame(Confirmed, c.Passage), EntailmentLabel.Entails, "confirmed");
            }
            else
            {
                bool ownWords = Words(c.Passage) <= Words(c.Claim) + DenyPassageSlack;
                Add(c.Claim, Frame(Denied, ownWords ? c.Passage : c.Claim), EntailmentLabel.Contradicts, "denied");
            }

            void Add(string claim, string passage, EntailmentLabel label, string name)
            {
                if (existing.Add((claim, passage)))
                {
                    made.Add(c with { Claim = claim, Passage = passage, Label = label, Origin = Origin(name, c.Origin), Article = null });
                }
            }
        }
        return made;

        string Frame(string[] frames, string statement) => Apply(frames[random.Next(frames.Length)], statement);
    }

    /// <summary>
    /// <paramref name="statement"/> inside <paramref name="frame"/>: its final stop dropped and, unless the frame starts
    /// with it, its first letter lowered when it starts with a common word (<see cref="JudgeConjunctions.LowerStart"/>).
    /// </summary>
    internal static string Apply(string frame, string statement)
    {
        string core = statement.Trim().TrimEnd('.', '!', ';', ',');
        return string.Format(System.Globalization.CultureInfo.InvariantCulture, frame, frame.StartsWith("{0}", StringComparison.Ordinal) ? core : JudgeConjunctions.LowerStart(core));
    }

    private static int Words(string text)
    {
        int words = 0;
        bool inWord = false;
        foreach (char ch in text)
        {
            bool wordCharacter = !char.IsWhiteSpace(ch);
            words += wordCharacter && !inWord ? 1 : 0;
            inWord = wordCharacter;
        }
        return words;
    }
}
