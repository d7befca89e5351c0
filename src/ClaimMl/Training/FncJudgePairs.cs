using System.Globalization;
using ClaimMl.DataFormats;
using ClaimMl.Entailment;
using ClaimMl.Features;
using ClaimMl.Indexing;

namespace ClaimMl.Training;

/// <summary>
/// The judge's pairs from FNC-1's training split (headline = claim, body = article), with the passages the checker
/// would hand the judge: each body indexed with <see cref="IndexedSource.Create"/>, each headline analysed with
/// <see cref="IndexedClaim.Create"/>, the <see cref="Alignment"/> from <see cref="StanceFeaturizer.Featurize"/>,
/// the passages from <see cref="PassageSelector.Select"/>. A pair whose headline aligns to no sentence of its body
/// gives the judge nothing to read at check time, and makes no pair here.
/// <list type="bullet">
/// <item><b>agree</b>: the best passage, <see cref="EntailmentLabel.Entails"/> (origin <see cref="JudgeOrigins.Fnc"/>).</item>
/// <item><b>disagree</b>: the passage that carries the refutation, as the checker chooses its evidence
/// (<see cref="ClaimChecker.ChooseEvidence"/>: a figure differing from the headline's, else a negation or refuting
/// cue), else the best passage, <see cref="EntailmentLabel.Contradicts"/>.</item>
/// <item><b>agree and disagree</b>, once more: a sentence of the same body that is on the subject but does not state
/// the headline (<see cref="JudgeOrigins.FncUnstated"/>): not among the three best aligned, sharing at least one content
/// word with the headline but at most <see cref="MaxUnstatedOverlap"/> of its IDF weight, of at least
/// <see cref="MinUnstatedTokens"/> tokens, not a question, and with no denial word; <see cref="EntailmentLabel.Neither"/>.</item>
/// <item><b>discuss</b>: the top passages of the article (it reports the claim without stating it), <see cref="EntailmentLabel.Neither"/>.</item>
/// <item><b>unrelated</b>: the best-aligned passage, <see cref="EntailmentLabel.Neither"/>; drawn only where the headline's
/// own story falls on the same side of the dev split as the body's, so that no headline is on both sides.</item>
/// <item><b>article sentences</b> (when <see cref="JudgePairOptions.ArticleSentences"/> is above 0): sentences of every
/// body taken as claims against the body itself, all three labels (<see cref="ArticleSentences"/>), not capped.</item>
/// <item><b>windows</b> (when <see cref="JudgePairOptions.WindowPassageEvery"/> is above 0): one in that many of the
/// passages above, but for the unstated sentences, widened to two adjacent sentences, label kept (<see cref="PassageWidener"/>).</item>
/// </list>
/// <b>Caps</b>: FNC-1 has about 13 neither pairs (discuss, unrelated) per stated one, so the neither pairs are
/// capped at <see cref="JudgePairOptions.FncMaxNeitherShare"/> (default 40%) of the FNC-1 pairs, that is
/// share / (1 − share) times the agree and disagree pairs (2/3 of them by default), shared out as
/// <see cref="DiscussShare"/> (40%) discuss passages, <see cref="UnstatedShare"/> (40%) unstated sentences and the
/// rest (20%) unrelated passages, each drawn at random (by the seed) from its candidates; the unrelated ones are
/// shared between training and dev as the stated pairs are. A headline and passage repeated in the split is taken once.
/// Bodies are grouped by story (<see cref="Stories"/>): every pair of a story is in one group.
/// </summary>
internal sealed class FncJudgePairs
{
    /// <summary>The most of a headline's IDF weight an unstated sentence may share with it.</summary>
    public const float MaxUnstatedOverlap = 0.3f;

    /// <summary>The fewest tokens an unstated sentence has (shorter ones are captions, datelines, bylines).</summary>
    public const int MinUnstatedTokens = 6;

    /// <summary>The share of the neither budget given to discuss passages.</summary>
    public const double DiscussShare = 0.4;

    /// <summary>The share of the neither budget given to unstated sentences (the rest goes to unrelated passages).</summary>
    public const double UnstatedShare = 0.4;

    private readonly LabeledPairSet _train;
    private readonly string[][] _keys;

    private FncJudgePairs(LabeledPairSet train, string[][] keys)
    {
        _train = train;
        _keys = keys;
    }

    /// <summary>
    /// The group keys of every pair of the split, in pair order: the body's story and, for a related pair, the
    /// headline's text (so that an Emergent headline that is also an FNC-1 headline joins the story). Known before any
    /// passage is chosen, so that the groups and their sides are known when the unrelated pairs are drawn.
    /// </summary>
    public IReadOnlyList<string[]> Keys => _keys;

    /// <summary>Reads FNC-1's training split and the story of each body.</summary>
    /// <param name="folder">The fnc-1 folder.</param>
    public static FncJudgePairs Load(string folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        LabeledPairSet train = FncDataset.Load(folder, FncSplit.Train);
        int[] story = Stories.Of(train);
        var keys = new string[train.Pairs.Count][];
        for (int i = 0; i < keys.Length; i++)
        {
            LabeledPair pair = train.Pairs[i];
            string storyKey = JudgeGroups.NamedKey(string.Create(CultureInfo.InvariantCulture, $"fnc-1 story {story[pair.Source]}"));
            keys[i] = pair.Stance == Stance.Unrelated ? [storyKey] : [storyKey, JudgeGroups.TextKey(pair.Claim)];
        }
        return new FncJudgePairs(train, keys);
    }

    /// <summary>
    /// The pairs (see the class remarks), each with its keys from <see cref="Keys"/>. <paramref name="isDev"/> tells the
    /// side of a key's group (null for a key no pair gave); unrelated pairs are drawn only where the headline's group is on
    /// the body's side, the cap split between the sides as the stated pairs are.
    /// </summary>
    public List<JudgeCandidate> Select(JudgePairOptions options, Func<string, bool?> isDev)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(isDev);
        var aligner = new Aligner(_train, options.Weights ?? StanceTrainer.LearnWeights(_train));
        var random = new Random(JudgePairs.SeedFor(options.Seed, JudgeOrigins.Fnc));
        var widener = new PassageWidener(options.WindowPassageEvery, JudgePairs.SeedFor(options.Seed, WindowPart));

        var stated = new List<JudgeCandidate>();
        var seen = new HashSet<(string, string)>();
        var unstated = new List<JudgeCandidate>();
        var discuss = new List<int>();
        var unrelated = new List<int>[2] { [], [] };
        Span<Passage> passages = stackalloc Passage[PassageSelector.DefaultPassages];
        int statedInDev = 0;
        for (int i = 0; i < _train.Pairs.Count; i++)
        {
            LabeledPair pair = _train.Pairs[i];
            if (pair.Stance == Stance.Unrelated)
            {
                bool dev = isDev(_keys[i][0]) ?? false;
                if ((isDev(JudgeGroups.TextKey(pair.Claim)) ?? dev) == dev)
                {
                    unrelated[dev ? 1 : 0].Add(i);
                }
                continue;
            }
            if (pair.Stance == Stance.Discusses)
            {
                discuss.Add(i);
                continue;
            }
            var (claim, source, alignment, count) = aligner.Align(pair, passages);
            if (count == 0)
            {
                continue;
            }
            Passage chosen = passages[0];
            if (pair.Stance == Stance.Refutes && Holding(passages[..count], ClaimChecker.ChooseEvidence(claim, source, alignment, Stance.Refutes)) is int refuting and >= 0)
            {
                chosen = passages[refuting];
            }
            string text = widener.Text(source, chosen);
            if (!seen.Add((pair.Claim, text)))
            {
                continue; // the same headline and passage again (FNC-1 repeats some pairs and some bodies)
            }
            EntailmentLabel label = pair.Stance == Stance.Supports ? EntailmentLabel.Entails : EntailmentLabel.Contradicts;
            stated.Add(new JudgeCandidate(pair.Claim, text, label, JudgeOrigins.Fnc, _keys[i]) { Article = source.Text });
            statedInDev += isDev(_keys[i][0]) == true ? 1 : 0;
            int other = UnstatedSentence(claim, source, alignment, random);
            if (other >= 0)
            {
                unstated.Add(new JudgeCandidate(pair.Claim, source.SentenceText(other), EntailmentLabel.Neither, JudgeOrigins.FncUnstated, _keys[i]));
            }
        }

        double share = options.FncMaxNeitherShare;
        int neither = (int)Math.Floor(share / (1 - share) * stated.Count);
        int discussCap = (int)(neither * DiscussShare);
        int unstatedCap = (int)(neither * UnstatedShare);
        int unrelatedCap = neither - discussCap - unstatedCap;
        int unrelatedDevCap = stated.Count == 0 ? 0 : (int)Math.Round((double)unrelatedCap * statedInDev / stated.Count);

        var candidates = new List<JudgeCandidate>(stated.Count + neither);
        candidates.AddRange(stated);

        int[] order = [.. discuss];
        random.Shuffle(order);
        int discussTaken = 0;
        foreach (int i in order)
        {
            if (discussTaken >= discussCap)
            {
                break;
            }
            var (_, source, _, count) = aligner.Align(_train.Pairs[i], passages);
            for (int p = 0; p < count && discussTaken < discussCap; p++, discussTaken++)
            {
                candidates.Add(new JudgeCandidate(_train.Pairs[i].Claim, widener.Text(source, passages[p]), EntailmentLabel.Neither, JudgeOrigins.FncDiscuss, _keys[i]));
            }
        }

        JudgeCandidate[] sentences = [.. unstated];
        random.Shuffle(sentences);
        candidates.AddRange(sentences.Take(unstatedCap));

        foreach (var (side, cap) in new[] { (0, unrelatedCap - unrelatedDevCap), (1, unrelatedDevCap) })
        {
            order = [.. unrelated[side]];
            random.Shuffle(order);
            int taken = 0;
            foreach (int i in order)
            {
                if (taken >= cap)
                {
                    break;
                }
                var (_, source, _, count) = aligner.Align(_train.Pairs[i], passages);
                if (count == 0)
                {
                    continue; // nothing of the body aligns: the judge would read nothing
                }
                candidates.Add(new JudgeCandidate(_train.Pairs[i].Claim, widener.Text(source, passages[0]), EntailmentLabel.Neither, JudgeOrigins.FncUnrelated, _keys[i]));
                taken++;
            }
        }
        if (options.ArticleSentences > 0)
        {
            candidates.AddRange(ArticleSentences(aligner, options.ArticleSentences, options.RestateArticleSentences, options.EditedAgainstOtherSentences, options.Seed, widener));
        }
        return candidates;
    }

    /// <summary>
    /// The most of a claim sentence's IDF weight another sentence of its article may share to be taken as stating
    /// another fact (higher than <see cref="MaxUnstatedOverlap"/>: a reporter does not state one fact twice as often as
    /// a body restates its headline, and the near misses are what the judge must learn).
    /// </summary>
    public const float MaxOtherFactOverlap = 0.45f;

    /// <summary>The fewest tokens a sentence taken as a claim has.</summary>
    public const int MinClaimSentenceTokens = 6;

    /// <summary>The most tokens a sentence taken as a claim has (news claims are single facts, not paragraphs).</summary>
    public const int MaxClaimSentenceTokens = 30;

    /// <summary>
    /// Pairs whose claims are sentences of the articles themselves, written as news states facts, which the headlines are
    /// not (the judge otherwise learns "a headline-like claim may be neither; a declarative one is stated or contradicted").
    /// For each body, once, up to <paramref name="perBody"/> sentences of <see cref="MinClaimSentenceTokens"/> to
    /// <see cref="MaxClaimSentenceTokens"/> tokens that read as statements (no question, no quotation marks) are drawn
    /// as claims. Each claim is aligned to its own body as the checker aligns it, and makes:
    /// <list type="bullet">
    /// <item>another sentence of the same body on the subject that shares at most <see cref="MaxOtherFactOverlap"/> of
    /// its IDF weight (<see cref="UnstatedSentence(IndexedClaim, IndexedSource, Alignment, Random, float, bool)"/>, the next best aligned allowed):
    /// <see cref="EntailmentLabel.Neither"/>, origin <see cref="JudgeOrigins.FncSentenceOther"/>: the same event, another
    /// fact, both written by one reporter as true, so the one cannot contradict the other;</item>
    /// <item>by a coin: the sentence's <see cref="LeadingClause"/> (often the whole sentence) — or, when
    /// <paramref name="restate"/>, the sentence restated in other words it still states (<see cref="ClaimRestatement"/>:
    /// without reporting frame, time phrases or filler words, a number written the other way) — against the passage the
    /// checker would read that holds the sentence, <see cref="EntailmentLabel.Entails"/> (origin
    /// <see cref="JudgeOrigins.FncSentence"/>); or that claim edited by <see cref="JudgeContradictions"/> against the
    /// passage, <see cref="EntailmentLabel.Contradicts"/> (its synthetic origin); when <paramref name="editedAgainstOther"/>,
    /// that edited claim also against the other sentence above, <see cref="EntailmentLabel.Neither"/> (origin
    /// <see cref="JudgeOrigins.FncSentenceEditedOther"/>; no further draw, so the other pairs do not change).</item>
    /// </list>
    /// Each pair is in its body's story group. Draws from a random sequence of its own, so that the other pairs do not change.
    /// </summary>
    private List<JudgeCandidate> ArticleSentences(Aligner aligner, int perBody, bool restate, bool editedAgainstOther, int seed, PassageWidener widener)
    {
        var random = new Random(JudgePairs.SeedFor(seed, JudgeOrigins.FncSentence));
        var keysOfBody = new SortedDictionary<int, string[]>();
        for (int i = 0; i < _train.Pairs.Count; i++)
        {
            keysOfBody.TryAdd(_train.Pairs[i].Source, [_keys[i][0]]);
        }
        var made = new List<JudgeCandidate>();
        Span<Passage> passages = stackalloc Passage[PassageSelector.DefaultPassages];
        var claimSentences = new List<int>();
        foreach (var (body, keys) in keysOfBody)
        {
            IndexedSource source = aligner.Source(body);
            claimSentences.Clear();
            for (int s = 0; s < source.Sentences.Length; s++)
            {
                if (IsClaimSentence(source, s))
                {
                    claimSentences.Add(s);
                }
            }
            int[] drawn = [.. claimSentences];
            random.Shuffle(drawn);
            string[]? names = null;
            foreach (int s in drawn.AsSpan(0, Math.Min(perBody, drawn.Length)))
            {
                string text = source.SentenceText(s);
                var (claim, alignment, count) = aligner.Align(text, source, passages);
                int other = UnstatedSentence(claim, source, alignment, random, MaxOtherFactOverlap, skipAligned: false);
                string? otherText = other >= 0 && other != s ? widener.Text(source, new Passage(other, 1), avoid: s) : null;
                if (otherText is not null)
                {
                    made.Add(new JudgeCandidate(text, otherText, EntailmentLabel.Neither, JudgeOrigins.FncSentenceOther, keys));
                }
                int holding = Holding(passages[..count], s);
                if (holding < 0)
                {
                    continue;
                }
                var stated = new JudgeCandidate(restate ? ClaimRestatement.Restate(text, random) : LeadingClause(text), widener.Text(source, passages[holding]), EntailmentLabel.Entails, JudgeOrigins.FncSentence, keys);
                if (random.Next(2) == 0)
                {
                    made.Add(stated);
                }
                else if (JudgeContradictions.Edit(stated, names ??= SyntheticPairs.NamesOf(source.Text), random) is { } edited && !string.Equals(edited, stated.Claim, StringComparison.Ordinal))
                {
                    made.Add(stated with { Claim = edited, Label = EntailmentLabel.Contradicts, Origin = JudgeOrigins.Synthetic(JudgeOrigins.FncSentence) });
                    if (editedAgainstOther && otherText is not null)
                    {
                        made.Add(new JudgeCandidate(edited, otherText, EntailmentLabel.Neither, JudgeOrigins.FncSentenceEditedOther, keys));
                    }
                }
            }
        }
        return made;
    }

    /// <summary>The part name the window draws are seeded from (<see cref="JudgePairs.SeedFor"/>).</summary>
    private const string WindowPart = "fnc-1 window";

    /// <summary>
    /// Widens one in <c>every</c> single-sentence passage handed to it (by a draw of its own, so that no other pair
    /// changes) to a window of two adjacent sentences, as <see cref="PassageSelector"/> reads with its window when the two
    /// best-aligned sentences are adjacent: the
    /// sentence and the one after it or before it (a coin when both exist), never sentence <c>avoid</c>.
    /// With <c>every</c> 0 it draws nothing and returns each passage's text as it is.
    /// </summary>
    private sealed class PassageWidener(int every, int seed)
    {
        private readonly Random _random = new(seed);

        /// <summary>The text of <paramref name="passage"/>, widened to a window when drawn.</summary>
        public string Text(IndexedSource source, Passage passage, int avoid = -1)
        {
            if (every <= 0 || passage.SentenceCount != 1 || _random.Next(every) != 0)
            {
                return PassageSelector.Text(source, passage);
            }
            int s = passage.FirstSentence;
            bool after = s + 1 < source.Sentences.Length && s + 1 != avoid;
            bool before = s > 0 && s - 1 != avoid;
            if (after && before)
            {
                after = _random.Next(2) == 0;
            }
            return after ? PassageSelector.Text(source, new Passage(s, 2))
                : before ? PassageSelector.Text(source, new Passage(s - 1, 2))
                : PassageSelector.Text(source, passage);
        }
    }

    /// <summary>The index of the first of <paramref name="passages"/> that holds sentence <paramref name="sentence"/>; -1 when none does.</summary>
    private static int Holding(ReadOnlySpan<Passage> passages, int sentence)
    {
        for (int p = 0; p < passages.Length; p++)
        {
            if (sentence >= passages[p].FirstSentence && sentence < passages[p].FirstSentence + passages[p].SentenceCount)
            {
                return p;
            }
        }
        return -1;
    }

    /// <summary>
    /// The sentence's main clause when it leads the sentence: the words before its first comma, as a sentence, when they
    /// are at least <see cref="MinClaimSentenceTokens"/> words and the sentence does not open with a subordinate clause
    /// ("If …, …", "Although …, …"), whose leading part is not stated; else the whole sentence. What the passage states
    /// in fewer words, so that the judge does not learn that only a copy is entailed.
    /// </summary>
    internal static string LeadingClause(string sentence)
    {
        int comma = sentence.IndexOf(", ", StringComparison.Ordinal);
        if (comma < 0)
        {
            return sentence;
        }
        string lead = sentence[..comma];
        string[] words = lead.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length < MinClaimSentenceTokens || Subordinators.Contains(words[0].ToLowerInvariant()))
        {
            return sentence;
        }
        return lead + ".";
    }

    private static readonly HashSet<string> Subordinators = new(StringComparer.Ordinal)
    {
        "if", "although", "though", "while", "whilst", "unless", "when", "whenever", "as", "after", "before", "because", "since", "once", "until", "despite", "but", "yet", "so", "however", "even",
    };

    /// <summary>Whether sentence <paramref name="s"/> of <paramref name="source"/> may be taken as a claim (see <see cref="ArticleSentences"/>).</summary>
    internal static bool IsClaimSentence(IndexedSource source, int s)
    {
        int tokens = source.Sentences[s].TokenCount;
        if (tokens < MinClaimSentenceTokens || tokens > MaxClaimSentenceTokens)
        {
            return false;
        }
        string text = source.SentenceText(s);
        return !text.EndsWith('?') && text.IndexOfAny(QuotationMarks) < 0;
    }

    private static readonly char[] QuotationMarks = ['"', '\u201C', '\u201D'];

    /// <summary>
    /// A sentence of <paramref name="source"/> on the claim's subject that does not state it (see the class remarks),
    /// drawn at random among those that qualify; -1 when none does.
    /// </summary>
    internal static int UnstatedSentence(IndexedClaim claim, IndexedSource source, Alignment alignment, Random random) =>
        UnstatedSentence(claim, source, alignment, random, MaxUnstatedOverlap, skipAligned: true);

    /// <summary>
    /// As <see cref="UnstatedSentence(IndexedClaim, IndexedSource, Alignment, Random)"/>, with the most of the claim's IDF
    /// weight the sentence may share, and whether the second and third best-aligned sentences are skipped too (the best
    /// always is).
    /// </summary>
    internal static int UnstatedSentence(IndexedClaim claim, IndexedSource source, Alignment alignment, Random random, float maxOverlap, bool skipAligned)
    {
        if (claim.Stems.Length == 0)
        {
            return -1;
        }
        Span<bool> counted = claim.Stems.Length <= 256 ? stackalloc bool[claim.Stems.Length] : new bool[claim.Stems.Length];
        var qualifying = new List<int>();
        for (int s = 0; s < source.Sentences.Length; s++)
        {
            IndexedSentence sentence = source.Sentences[s];
            if (s == alignment.Best || (skipAligned && (s == alignment.Second || s == alignment.Third)) || sentence.TokenCount < MinUnstatedTokens || sentence.Denials > 0
                || source.SentenceText(s).EndsWith('?'))
            {
                continue;
            }
            counted.Clear();
            float shared = 0;
            foreach (Text.Token token in source.SentenceTokens(s))
            {
                int k = token.IsContent ? claim.IndexOfStem(token.Stem) : -1;
                if (k >= 0 && !counted[k])
                {
                    counted[k] = true;
                    shared += claim.StemWeights[k];
                }
            }
            if (shared > 0 && shared <= maxOverlap * claim.TotalWeight)
            {
                qualifying.Add(s);
            }
        }
        return qualifying.Count == 0 ? -1 : qualifying[random.Next(qualifying.Count)];
    }

    /// <summary>Aligns headlines to bodies as the checker does; each body is indexed once and each headline analysed once.</summary>
    private sealed class Aligner(LabeledPairSet data, TermWeights weights)
    {
        /// <summary>The body, indexed once.</summary>
        public IndexedSource Source(int body) =>
            _sources[body] ??= IndexedSource.Create(body.ToString(CultureInfo.InvariantCulture), data.Sources[body], weights);

        /// <summary>Aligns a claim that is no headline of the split (not kept) to a body.</summary>
        public (IndexedClaim Claim, Alignment Alignment, int Count) Align(string text, IndexedSource source, Span<Passage> passages)
        {
            IndexedClaim claim = IndexedClaim.Create(text, weights);
            Alignment alignment = StanceFeaturizer.Featurize(claim, source, _features);
            return (claim, alignment, PassageSelector.Select(source, alignment, passages));
        }

        private readonly IndexedSource?[] _sources = new IndexedSource?[data.Sources.Count];
        private readonly Dictionary<string, IndexedClaim> _claims = new(StringComparer.Ordinal);
        private readonly float[] _features = new float[FeatureSet.Count];

        public (IndexedClaim Claim, IndexedSource Source, Alignment Alignment, int Count) Align(LabeledPair pair, Span<Passage> passages)
        {
            IndexedSource source = Source(pair.Source);
            if (!_claims.TryGetValue(pair.Claim, out IndexedClaim? claim))
            {
                _claims[pair.Claim] = claim = IndexedClaim.Create(pair.Claim, weights);
            }
            Alignment alignment = StanceFeaturizer.Featurize(claim, source, _features);
            return (claim, source, alignment, PassageSelector.Select(source, alignment, passages));
        }
    }
}
