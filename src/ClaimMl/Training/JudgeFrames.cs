using ClaimMl.Entailment;
using ClaimMl.Text;

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
/// <para>
/// <see cref="MakeOther"/> frames the other way round: another statement on the claim's subject (a sentence of the same
/// article, another true FEVER claim) denied, confirmed or reported as hearsay is still neither, so that "denied" or
/// "confirmed" next to the claim's names is not read as the claim denied or confirmed.
/// </para>
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

    /// <summary>The origins whose neither pairs (another sentence on the claim's subject) <see cref="MakeOther"/> frames.</summary>
    public static readonly string[] OtherSourceOrigins = [JudgeOrigins.FncSentenceOther];

    /// <summary>The kinds of framed pairs, the first word of their origin names.</summary>
    public static readonly string[] Kinds = ["hearsay", "confirmed", "denied"];

    /// <summary>The origin name of the pairs of a kind ("hearsay", "confirmed", "denied") made from <paramref name="origin"/>.</summary>
    public static string Origin(string kind, string origin) => kind + " " + origin;

    /// <summary>Whether <paramref name="origin"/> names framed pairs (<see cref="Make"/> or <see cref="MakeOther"/>).</summary>
    public static bool IsFramed(string origin)
    {
        ArgumentNullException.ThrowIfNull(origin);
        foreach (string kind in Kinds)
        {
            if (origin.Length > kind.Length && origin.StartsWith(kind, StringComparison.Ordinal) && origin[kind.Length] == ' ')
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>The framed pairs of <paramref name="candidates"/> (entailing pairs of <see cref="SourceOrigins"/>).</summary>
    /// <param name="candidates">All pairs so far.</param>
    /// <param name="seed">The seed.</param>
    /// <param name="every">One entailing pair in this many is framed, about; 0 makes none.</param>
    public static List<JudgeCandidate> Make(IReadOnlyList<JudgeCandidate> candidates, int seed, int every) => Frame(candidates, seed, every, SourceOrigins, "frames", static _ => true);

    /// <summary>
    /// The framed pairs of the written pairs among <paramref name="candidates"/> (<see cref="JudgeOrigins.Written"/>):
    /// the same frames and shares as <see cref="Make"/>, drawn from a random
    /// sequence of their own, and only for a passage of one sentence (<see cref="IsOneSentence"/>): a frame put around
    /// the first of two sentences would leave the second stated, and a claim drawn from it would still be entailed.
    /// </summary>
    /// <param name="candidates">All pairs so far.</param>
    /// <param name="seed">The seed.</param>
    /// <param name="every">One entailing written pair of one sentence in this many is framed, about; 0 makes none.</param>
    public static List<JudgeCandidate> MakeWritten(IReadOnlyList<JudgeCandidate> candidates, int seed, int every) => Frame(candidates, seed, every, [JudgeOrigins.Written], "frames, written", IsOneSentence);

    /// <summary>Whether <paramref name="passage"/> is one sentence by <see cref="SentenceSplitter"/>.</summary>
    internal static bool IsOneSentence(string passage) => SentenceSplitter.Split(passage.AsSpan()).Count == 1;

    private static List<JudgeCandidate> Frame(IReadOnlyList<JudgeCandidate> candidates, int seed, int every, string[] origins, string stream, Func<string, bool> framable)
    {
        var made = new List<JudgeCandidate>();
        if (JudgePairs.PairsToAvoid(candidates, every) is not { } existing)
        {
            return made;
        }
        var random = new Random(JudgePairs.SeedFor(seed, stream));
        foreach (JudgeCandidate c in candidates)
        {
            if (c.Label != EntailmentLabel.Entails || Array.IndexOf(origins, c.Origin) < 0
                || string.IsNullOrWhiteSpace(c.Claim) || string.IsNullOrWhiteSpace(c.Passage) || !framable(c.Passage) || random.Next(every) != 0)
            {
                continue;
            }
            int kind = random.Next(20);
            if (kind < 10)
            {
                Add(c.Claim, InFrame(Hearsay, c.Passage), EntailmentLabel.Neither, "hearsay");
            }
            else if (kind < 13)
            {
                string frame = Hearsay[random.Next(Hearsay.Length)];
                Add(Apply(frame, c.Claim), Apply(frame, c.Passage), EntailmentLabel.Entails, "hearsay");
            }
            else if (kind < 16)
            {
                Add(c.Claim, InFrame(Confirmed, c.Passage), EntailmentLabel.Entails, "confirmed");
            }
            else
            {
                bool ownWords = Words(c.Passage) <= Words(c.Claim) + DenyPassageSlack;
                Add(c.Claim, InFrame(Denied, ownWords ? c.Passage : c.Claim), EntailmentLabel.Contradicts, "denied");
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

        string InFrame(string[] frames, string statement) => Apply(frames[random.Next(frames.Length)], statement);
    }

    /// <summary>
    /// Framed "other statement" pairs of <paramref name="candidates"/>, all neither: another statement on the claim's
    /// subject denied (half of them), confirmed (a quarter) or reported as hearsay. Two sources of other statements:
    /// <list type="bullet">
    /// <item>the passage of a neither pair of <see cref="OtherSourceOrigins"/> (another sentence of the same article);</item>
    /// <item>for an entailing FEVER pair, another true FEVER claim with the same leading name
    /// (<see cref="JudgeOtherFacts.Subject"/>) on the same side of the split, in the same words as the claims the
    /// "denied" pairs of <see cref="Make"/> deny, so that only what is denied tells the two apart. Another claim that
    /// shares a content word with the claim past the name (by its first three letters: "acted" meets "actor") is not
    /// taken: it may say the same in other words, and a denial of what the claim says would contradict it.</item>
    /// </list>
    /// Each such pair is drawn with probability 1/every, from its own random stream, so the pairs of <see cref="Make"/>
    /// do not change with these; a pair keeps its claim's group. Deterministic for a seed.
    /// </summary>
    /// <param name="candidates">All pairs so far.</param>
    /// <param name="isDev">The side of a pair's group (<see langword="null"/>: unknown, not used for another claim).</param>
    /// <param name="seed">The seed.</param>
    /// <param name="every">One such pair in this many is framed, about; 0 makes none.</param>
    public static List<JudgeCandidate> MakeOther(IReadOnlyList<JudgeCandidate> candidates, Func<JudgeCandidate, bool?> isDev, int seed, int every)
    {
        ArgumentNullException.ThrowIfNull(isDev);
        var made = new List<JudgeCandidate>();
        if (JudgePairs.PairsToAvoid(candidates, every) is not { } existing)
        {
            return made;
        }
        var bySubject = new Dictionary<(string Subject, bool Dev), List<string>>();
        foreach (JudgeCandidate c in candidates)
        {
            if (c.Label == EntailmentLabel.Entails && c.Origin == JudgeOrigins.FeverNli && JudgeOtherFacts.Subject(c.Claim) is { } subject && isDev(c) is bool dev)
            {
                if (!bySubject.TryGetValue((subject, dev), out List<string>? claims))
                {
                    bySubject[(subject, dev)] = claims = [];
                }
                if (!claims.Contains(c.Claim))
                {
                    claims.Add(c.Claim);
                }
            }
        }
        var random = new Random(JudgePairs.SeedFor(seed, "frames, other statements"));
        foreach (JudgeCandidate c in candidates)
        {
            if (c.Label == EntailmentLabel.Neither && Array.IndexOf(OtherSourceOrigins, c.Origin) >= 0
                && !string.IsNullOrWhiteSpace(c.Claim) && ReadsInsideFrame(c.Passage, c.Claim) && random.Next(every) == 0)
            {
                Add(c, c.Passage, c.Origin);
            }
            else if (c.Label == EntailmentLabel.Entails && c.Origin == JudgeOrigins.FeverNli && JudgeOtherFacts.Subject(c.Claim) is { } subject
                && isDev(c) is bool dev && random.Next(every) == 0 && OtherClaim(c.Claim, subject, bySubject[(subject, dev)]) is { } other)
            {
                Add(c, other, OtherClaimOrigin);
            }
        }
        return made;

        void Add(JudgeCandidate c, string statement, string origin)
        {
            int kind = random.Next(4);
            (string name, string[] frames) = kind < 2 ? ("denied", Denied) : kind == 2 ? ("confirmed", Confirmed) : ("hearsay", Hearsay);
            string passage = Apply(frames[random.Next(frames.Length)], statement);
            if (existing.Add((c.Claim, passage)))
            {
                made.Add(c with { Passage = passage, Label = EntailmentLabel.Neither, Origin = Origin(name, origin), Article = null });
            }
        }

        string? OtherClaim(string claim, string subject, List<string> claims)
        {
            HashSet<string> subjectStems = Stems(subject);
            HashSet<string> claimStems = Stems(claim);
            claimStems.ExceptWith(subjectStems);
            for (int attempt = 0; attempt < OtherClaimTries && claims.Count > 1; attempt++)
            {
                string other = claims[random.Next(claims.Count)];
                HashSet<string> otherStems = Stems(other);
                otherStems.ExceptWith(subjectStems);
                if (!string.Equals(other, claim, StringComparison.Ordinal) && claimStems.Count > 0 && otherStems.Count > 0 && !claimStems.Overlaps(otherStems))
                {
                    return other;
                }
            }
            return null;
        }
    }

    /// <summary>The first three letters of each content word (<see cref="JudgeConjunctions.ContentWords"/>): "acted" and "actor" meet.</summary>
    private static HashSet<string> Stems(string text)
    {
        var stems = new HashSet<string>(StringComparer.Ordinal);
        foreach (string word in JudgeConjunctions.ContentWords(text))
        {
            stems.Add(word[..3]);
        }
        return stems;
    }

    /// <summary>The origin the other FEVER claims of <see cref="MakeOther"/> are named after (after their kind: "denied other claim fever-nli").</summary>
    public const string OtherClaimOrigin = "other claim " + JudgeOrigins.FeverNli;

    private const int OtherClaimTries = 8;

    /// <summary>
    /// Whether an article sentence still reads as a sentence inside a frame: at most <see cref="OtherMaxWords"/> words,
    /// starting with a common word the frame lowers ("The", "It", …) or with a capitalised word the claim also has after
    /// its first word (a name the two share, the case a denial of another statement is confused with), not with a
    /// quote, a dash or a word such as "According" or "Asked" that would leave a broken sentence.
    /// </summary>
    internal static bool ReadsInsideFrame(string passage, string claim)
    {
        string text = passage.Trim();
        if (text.Length == 0 || !char.IsUpper(text[0]) || Words(text) > OtherMaxWords)
        {
            return false;
        }
        if (JudgeConjunctions.LowerStart(text) != text)
        {
            return true;
        }
        int end = 0;
        while (end < text.Length && char.IsLetterOrDigit(text[end]))
        {
            end++;
        }
        string first = text[..end];
        int at = claim.IndexOf(first, StringComparison.Ordinal);
        while (at >= 0)
        {
            bool startsWord = at > 0 && !char.IsLetterOrDigit(claim[at - 1]);
            bool endsWord = at + first.Length == claim.Length || !char.IsLetterOrDigit(claim[at + first.Length]);
            if (startsWord && endsWord && first.Length > 1)
            {
                return true;
            }
            at = claim.IndexOf(first, at + 1, StringComparison.Ordinal);
        }
        return false;
    }

    /// <summary>The longest article sentence <see cref="MakeOther"/> frames, in words.</summary>
    internal const int OtherMaxWords = 40;

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
