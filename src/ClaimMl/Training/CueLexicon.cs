using ClaimMl.Indexing;
using ClaimMl.Text;

namespace ClaimMl.Training;

/// <summary>
/// Learns which ordinary words mark a source that rejects a claim ("hoax", "debunked", "contrary")
/// and which mark a source that takes a position rather than only reporting, from the labeled
/// training sources.
/// </summary>
/// <remarks>
/// Training sets hold many articles per story, and a story's articles share its topic words, so a
/// plain count would learn that "spider" refutes because one spider story was a hoax. The weights
/// are therefore compared <em>within</em> stories: sources linked by a related claim form a story (<see cref="Stories"/>),
/// and a word's weight is the log of the Mantel–Haenszel odds ratio, over stories, of the word being
/// used by the story's refuting sources against its other sources (and its position-taking sources
/// against its reporting ones). A word counts only where written in lower case, so names are left
/// out, and only words that appear on both sides of enough stories get a weight. The trainer learns
/// the lexicon inside each cross-validation fold from that fold's training sources only.
/// </remarks>
internal static class CueLexicon
{
    /// <summary>A word needs a weight's evidence from at least this many stories.</summary>
    public const int MinStories = 6;

    /// <summary>Added to both sums of the odds ratio; pulls weakly attested words towards zero.</summary>
    private const double Smoothing = 1;

    /// <summary>Weights beyond this magnitude are clipped.</summary>
    private const float MaxWeight = 3;

    /// <summary>Folds of the out-of-fold lexicons that featurize the training pairs (<see cref="LearnOutOfFold"/>).</summary>
    public const int Folds = 5;

    /// <summary>
    /// One lexicon per source for featurizing training pairs: each source's lexicon is learned from
    /// the other stories only (stories split into <see cref="Folds"/> folds), as a new source's is at
    /// scoring time. Features computed with the lexicon learned from a source itself would make the
    /// cues look surer in training than they are on new text, and the trees would lean on them.
    /// </summary>
    public static Dictionary<ulong, CueWeights>[] LearnOutOfFold(LabeledPairSet data, int seed)
    {
        int[] foldOf = CrossValidation.FoldOfEachSource(data, Folds, seed, CrossValidationGroups.Story);
        var lexicons = new Dictionary<ulong, CueWeights>[Folds];
        Parallel.For(0, Folds, k => lexicons[k] = Learn(data, Array.ConvertAll(foldOf, f => f == k)));
        return Array.ConvertAll(foldOf, f => lexicons[f]);
    }

    /// <summary>The name of the part of a training set that must not teach cues (sentence-level pairs made from the articles).</summary>
    public const string ExcludedPart = SyntheticPairs.PartName;

    /// <summary>Learns the lexicon from the related sources of <paramref name="data"/>, leaving out those <paramref name="leftOut"/> marks.</summary>
    public static Dictionary<ulong, CueWeights> Learn(LabeledPairSet data, bool[]? leftOut = null)
    {
        int sourceCount = data.Sources.Count;
        var refutes = new bool[sourceCount];
        var positions = new bool[sourceCount];
        var related = new bool[sourceCount];
        foreach (var (name, start, count) in data.Parts)
        {
            if (name == ExcludedPart)
            {
                continue;
            }
            for (int i = start; i < start + count; i++)
            {
                LabeledPair pair = data.Pairs[i];
                if (pair.Stance != Stance.Unrelated && leftOut?[pair.Source] != true)
                {
                    related[pair.Source] = true;
                    refutes[pair.Source] |= pair.Stance == Stance.Refutes;
                    positions[pair.Source] |= pair.Stance != Stance.Discusses;
                }
            }
        }
        int[] story = Stories.Of(data, ExcludedPart);

        // Per story: its related sources, and how many of them are refuting / take a position.
        var members = new Dictionary<int, List<int>>();
        for (int s = 0; s < sourceCount; s++)
        {
            if (related[s])
            {
                int root = story[s];
                if (!members.TryGetValue(root, out List<int>? list))
                {
                    members[root] = list = [];
                }
                list.Add(s);
            }
        }

        var refute = new OddsRatio();
        var position = new OddsRatio();
        var used = new HashSet<ulong>();
        var inGroup = new Dictionary<ulong, (int Refuting, int Positioned, int All)>();
        foreach (int root in members.Keys.Order())
        {
            List<int> sources = members[root];
            int refuting = 0, positioned = 0;
            foreach (int s in sources)
            {
                refuting += refutes[s] ? 1 : 0;
                positioned += positions[s] ? 1 : 0;
            }
            bool refuteContrast = refuting > 0 && refuting < sources.Count;
            bool positionContrast = positioned > 0 && positioned < sources.Count;
            if (!refuteContrast && !positionContrast)
            {
                continue;
            }
            inGroup.Clear();
            foreach (int s in sources)
            {
                used.Clear();
                foreach (Token token in WordTokenizer.Tokenize(data.Sources[s]))
                {
                    if (token.IsContent && !token.IsNumber && (token.Flags & TokenFlags.Capitalized) == 0 && used.Add(token.Stem))
                    {
                        var c = inGroup.GetValueOrDefault(token.Stem);
                        inGroup[token.Stem] = (c.Refuting + (refutes[s] ? 1 : 0), c.Positioned + (positions[s] ? 1 : 0), c.All + 1);
                    }
                }
            }
            foreach ((ulong stem, var c) in inGroup)
            {
                if (refuteContrast)
                {
                    refute.Add(stem, c.Refuting, refuting, c.All - c.Refuting, sources.Count - refuting);
                }
                if (positionContrast)
                {
                    position.Add(stem, c.Positioned, positioned, c.All - c.Positioned, sources.Count - positioned);
                }
            }
        }

        var lexicon = new Dictionary<ulong, CueWeights>();
        foreach (ulong stem in refute.Stems.Union(position.Stems))
        {
            var weights = new CueWeights(refute.LogWeight(stem), position.LogWeight(stem));
            if (weights.Refute != 0 || weights.Position != 0)
            {
                lexicon[stem] = weights;
            }
        }
        return lexicon;
    }

    /// <summary>Mantel–Haenszel sums per word over stories: Σ a·d/n and Σ b·c/n, and the stories that used it.</summary>
    private sealed class OddsRatio
    {
        private readonly Dictionary<ulong, (double For, double Against, int Stories)> _sums = [];

        public IEnumerable<ulong> Stems => _sums.Keys;

        /// <param name="stem">The word.</param>
        /// <param name="withWordIn">Sources of the group using the word.</param>
        /// <param name="groupSize">Sources in the group (refuting, or taking a position).</param>
        /// <param name="withWordOut">Sources outside the group using the word.</param>
        /// <param name="otherSize">Sources outside the group.</param>
        public void Add(ulong stem, int withWordIn, int groupSize, int withWordOut, int otherSize)
        {
            double n = groupSize + otherSize;
            double a = withWordIn, b = groupSize - withWordIn, c = withWordOut, d = otherSize - withWordOut;
            var s = _sums.GetValueOrDefault(stem);
            _sums[stem] = (s.For + a * d / n, s.Against + b * c / n, s.Stories + 1);
        }

        public float LogWeight(ulong stem) =>
            _sums.TryGetValue(stem, out var s) && s.Stories >= MinStories
                ? Math.Clamp((float)Math.Log((s.For + Smoothing) / (s.Against + Smoothing)), -MaxWeight, MaxWeight)
                : 0;
    }
}
