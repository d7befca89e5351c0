using System.Collections.ObjectModel;
using System.Globalization;
using ClaimMl.DataFormats;
using ClaimMl.DataFormats.ClaimSets;
using ClaimMl.DataFormats.NliSets;
using ClaimMl.Entailment;
using ClaimMl.Indexing;
using ClaimMl.Text;

namespace ClaimMl.Training;

/// <summary>
/// Which labeled sets the judge's pairs are built from (a set's folder, or <see langword="null"/> to leave it out),
/// which training sides of them, and how the pairs are mixed and split. Test sides are never read:
/// Climate-FEVER, QAGS and FEVER Symmetric are evaluation only and have no field here.
/// </summary>
internal sealed record JudgePairOptions
{
    /// <summary>The <c>fever-nli</c> folder (<c>pairs.jsonl</c>).</summary>
    public string? FeverNli { get; init; }

    /// <summary>The <c>sick</c> folder (<c>SICK.txt</c>).</summary>
    public string? Sick { get; init; }

    /// <summary>The <c>scifact-nli</c> folder (<c>train.tsv</c>, <c>dev.tsv</c>).</summary>
    public string? SciFact { get; init; }

    /// <summary>The <c>covid-fact</c> folder (<c>rte-covidfact/*.tsv</c>).</summary>
    public string? CovidFact { get; init; }

    /// <summary>The <c>healthver</c> folder; its dev split is the training side (the train split is missing, the test split is a test side).</summary>
    public string? HealthVer { get; init; }

    /// <summary>The <c>emergent</c> folder; the train claims' headlines are the training side.</summary>
    public string? Emergent { get; init; }

    /// <summary>The <c>fnc-1</c> folder; the train split is the training side (see <see cref="FncJudgePairs"/>).</summary>
    public string? Fnc { get; init; }

    /// <summary>SICK sides to use: TRAIN and/or TRIAL (TEST is refused).</summary>
    public IReadOnlyList<string> SickSides { get; init; } = SickDataset.TrainingSides;

    /// <summary>SciFact sides to use: train and/or dev.</summary>
    public IReadOnlyList<string> SciFactSides { get; init; } = SciFactNliDataset.Sides;

    /// <summary>COVID-Fact splits to use: train and/or dev (test is refused).</summary>
    public IReadOnlyList<string> CovidFactSides { get; init; } = CovidFactSplits;

    /// <summary>Seeds the dev split, the FNC-1 subsampling and the synthetic contradictions.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>The share of groups (claims, stories) put in the dev part.</summary>
    public double DevFraction { get; init; } = 0.08;

    /// <summary>
    /// One synthetic contradiction is tried per this many entailing pairs of FEVER, Emergent and FNC-1 (about: each
    /// entailing pair is drawn with probability 1/<see cref="SyntheticEvery"/>); 0 makes none.
    /// </summary>
    public int SyntheticEvery { get; init; } = 3;

    /// <summary>
    /// One joined-claim pair (<see cref="JudgeConjunctions"/>: mostly neither, "C, and D" against a passage stating only C)
    /// is made per this many entailing pairs of FEVER, Emergent, FNC-1 and COVID-Fact, about; 0 (the default) makes none.
    /// </summary>
    public int ConjunctionEvery { get; init; }

    /// <summary>
    /// One "other fact" pair (<see cref="JudgeOtherFacts"/>: a true FEVER claim against the evidence of another claim about
    /// its subject, neither) is made per this many entailing FEVER pairs, about; 0 (the default) makes none.
    /// </summary>
    public int OtherFactEvery { get; init; }

    /// <summary>
    /// One framed pair (<see cref="JudgeFrames"/>: a stating passage reported as hearsay, neither; confirmed, entails;
    /// or the claim denied, contradicts) is made per this many entailing pairs of FEVER, Emergent and FNC-1, about; 0
    /// (the default) makes none.
    /// </summary>
    public int FramedEvery { get; init; }

    /// <summary>
    /// One framed "other statement" pair (<see cref="JudgeFrames.MakeOther"/>: another statement on the claim's subject,
    /// a sentence of the same FNC-1 article or another true FEVER claim, denied, confirmed or reported as hearsay,
    /// still neither) is made per this many FNC-1 "other fact" sentence pairs (<see cref="ArticleSentences"/>) and
    /// entailing FEVER pairs, about; 0 (the default) makes none.
    /// </summary>
    public int FramedOtherEvery { get; init; }

    /// <summary>
    /// One paraphrased pair (<see cref="JudgeParaphrases"/>: the claim reworded so that it says the same, entails) is
    /// made per this many entailing pairs of FEVER, Emergent, FNC-1 and FNC-1's article sentences, about; 0 (the
    /// default) makes none. Made last, so that the other pairs are the same as without them.
    /// </summary>
    public int ParaphraseEvery { get; init; }

    /// <summary>
    /// One entailing pair of FEVER, Emergent, FNC-1 and FNC-1's article sentences in this many, about, whose passage
    /// holds the claim's figure, gives two pairs (<see cref="JudgeFigures"/>): the figure said less exactly so that it
    /// still holds (entails) and with the same kind of hedge so that the passage rules it out (contradicts); 0 (the
    /// default) makes none. Made last, so that the other pairs are the same as without them.
    /// </summary>
    public int FigureEvery { get; init; }

    /// <summary>
    /// How many sentences of each FNC-1 training body are taken as claims against the body itself
    /// (<see cref="FncJudgePairs"/>: another sentence on the subject, neither; the passage holding it, entails; or an
    /// edit of it, contradicts); 0 (the default) takes none.
    /// </summary>
    public int ArticleSentences { get; init; }

    /// <summary>
    /// Whether the article sentences' entailing and contradicting claims are restated in other words the sentence still
    /// states (<see cref="ClaimRestatement"/>) rather than taken as their leading clause; false (the default) takes the
    /// leading clause, as the shipped judge was trained.
    /// </summary>
    public bool RestateArticleSentences { get; init; }

    /// <summary>
    /// Whether each edited (contradicting) article-sentence claim is also read against another sentence of its body on
    /// the subject (<see cref="FncJudgePairs"/>, origin <see cref="JudgeOrigins.FncSentenceEditedOther"/>): neither. An
    /// edited claim (a negation, another number, an antonym, another name) otherwise only ever meets the passage it
    /// contradicts, and the judge learns to contradict whatever an edited-looking claim meets. False (the default) makes
    /// none, as the shipped judge was trained; the other pairs are the same either way.
    /// </summary>
    public bool EditedAgainstOtherSentences { get; init; }

    /// <summary>
    /// One in this many of the FNC-1 passages (agree, disagree, discuss and unrelated passages; the article sentences'
    /// stated, edited and other-sentence passages; not the unstated sentences) is widened, by a draw of its own, to a
    /// window of two adjacent sentences (the sentence and the one after or before it; for an article sentence's other
    /// sentence, never the claim's own sentence), as the checker reads with its window setting; the label stays. 0 (the
    /// default) widens none, as the shipped judge was trained; the pairs are then the same as without the option.
    /// </summary>
    public int WindowPassageEvery { get; init; }

    /// <summary>The most that <see cref="EntailmentLabel.Neither"/> may be of the FNC-1 pairs (see <see cref="FncJudgePairs"/>).</summary>
    public double FncMaxNeitherShare { get; init; } = 0.4;

    /// <summary>
    /// Claim–passage pairs written for the judge (<see cref="WrittenPairs"/>: one or more paths, each a folder of JSON
    /// Lines files or one file, read one after another in this order), added as they are, grouped by passage, after every
    /// synthetic pair is made (so they change no other pair); null: none. A passage written in two paths is one group
    /// (one side of the split), a pair given twice (the same claim, passage and label) is kept once, where it comes
    /// first, and files of the same name in two folders are one file to <see cref="WrittenJoinedEvery"/>. Options
    /// naming the same paths in the same order are equal.
    /// </summary>
    public IReadOnlyList<string>? Written { get; init => field = value is null ? null : new Paths(value); }

    /// <summary>How many times each written training pair is put into the training pairs (1: once); its dev pairs are kept once.</summary>
    public int WrittenRepeat { get; init; } = 1;

    /// <summary>
    /// One written passage in this many, about, is joined with another of its file and side and read against its own
    /// claims, claims joined from both passages' claims, and one of them against the passage alone
    /// (<see cref="JudgeJoinedPassages"/>), so that the judge learns to read a window of two sentences from different
    /// places; made after the written pairs, never repeated; 0 (the default) makes none.
    /// </summary>
    public int WrittenJoinedEvery { get; init; }

    /// <summary>
    /// One entailing written pair in this many, about, is edited into a contradiction of its passage by
    /// <see cref="JudgeContradictions"/>' rules (a negation, a figure, an antonym): the written claims are rewordings of
    /// their passages, so each edit and the pair it came from differ only in the detail that decides, not in the words
    /// the claim shares with the passage. Made after the written pairs, in their groups, never repeated; 0 (the
    /// default) makes none.
    /// </summary>
    public int WrittenEditEvery { get; init; }

    /// <summary>
    /// One entailing written pair in this many, about, whose passage is one sentence, is framed by
    /// <see cref="JudgeFrames"/>' frames, as <see cref="FramedEvery"/> frames FEVER, Emergent and FNC-1 pairs: the passage
    /// passed on as hearsay (neither), confirmed (entails) or denied (contradicts), or claim and passage in the same
    /// hearsay frame (entails). News passages put a rumour or an allegation in a sentence of its own ("a councillor
    /// claimed that …"), and a claim that states it as fact is not what the source states. Made after the written
    /// pairs, in their groups, never repeated; 0 (the default) makes none.
    /// </summary>
    public int WrittenFramedEvery { get; init; }

    /// <summary>
    /// One entailing written pair in this many, about, takes a detail edit by <see cref="JudgeContradictions.MakeDetailEdits"/>
    /// (a day of the week or a month changed, or a name swapped for one of another written passage) and is read against
    /// the same passage as a contradiction: the rule edits of <see cref="WrittenEditEvery"/> change a figure, a negation
    /// or an antonym but never a name, a place or a day in a written claim. Made after the written pairs, in their
    /// groups, never repeated; 0 (the default) makes none.
    /// </summary>
    public int WrittenDetailEditEvery { get; init; }

    /// <summary>
    /// One entailing pair in this many, about, of the written pairs and of FEVER, Emergent, FNC-1 and FNC-1's article
    /// sentences, whose passage holds the claim's first figure, has that figure moved a little or two of its digits
    /// swapped (<see cref="JudgeCloseFigures"/>: "31" → "13", "13" → "16") and is read against the same passage as a
    /// contradiction: the other edits change a figure by a factor of 2 to 5, which a close misstatement never does.
    /// Made last, from random sequences of their own, so that every other pair is the same as without them; never
    /// repeated; 0 (the default) makes none.
    /// </summary>
    public int CloseFigureEvery { get; init; }

    /// <summary>
    /// One entailing pair in this many, about, of the same origins as <see cref="CloseFigureEvery"/>, whose claim writes
    /// a number in words that the passage holds, has that number changed to a close one, still in words
    /// (<see cref="JudgeNumberWordFigures"/>: "eight" → "five", "thirty-one" → "forty-one"), and is read against the same
    /// passage as a contradiction: the other figure edits change digits only. Made last, never repeated; 0 (the
    /// default) makes none.
    /// </summary>
    public int NumberWordFigureEvery { get; init; }

    /// <summary>
    /// One entailing pair in this many, about, of the same origins as <see cref="CloseFigureEvery"/>, whose claim tells
    /// of a figure's change ("fell by 12 per cent") or compares ("higher than"), gives two pairs against the same passage
    /// (<see cref="JudgeDirectionWords"/>): that word told in another wording of the same direction ("dropped"), entails;
    /// in one of the opposite direction ("went up"), contradicts. Made last, never repeated; 0 (the default) makes none.
    /// </summary>
    public int DirectionWordEvery { get; init; }

    /// <summary>
    /// One entailing pair in this many, about, of the same origins as <see cref="CloseFigureEvery"/>, gives its claim with
    /// each of its details deleted in turn, and all of them deleted (<see cref="JudgeDetailDeletions"/>: the size of a
    /// change, a time, a relative clause or noun phrase after a name), each read against the same passage as entailed.
    /// Made last; training pairs repeated <see cref="DetailDeletionRepeat"/> times; 0 (the default) makes none.
    /// </summary>
    public int DetailDeletionEvery { get; init; }

    /// <summary>How many times each training pair of <see cref="DetailDeletionEvery"/> is put in (1, the default: once).</summary>
    public int DetailDeletionRepeat { get; init; } = 1;

    /// <summary>
    /// One entailing pair in this many, about, of the same origins as <see cref="CloseFigureEvery"/>, whose claim gives a
    /// number with a unit that its passage also gives ("six weeks", "4.2 million"), gives its claim with the unit changed
    /// to a neighbour of its kind (<see cref="JudgeUnitSwaps"/>: "six months", "4.2 billion"), read against the same
    /// passage as a contradiction. Made last; training pairs repeated <see cref="UnitSwapRepeat"/> times; 0 (the default)
    /// makes none.
    /// </summary>
    public int UnitSwapEvery { get; init; }

    /// <summary>How many times each training pair of <see cref="UnitSwapEvery"/> is put in (1, the default: once).</summary>
    public int UnitSwapRepeat { get; init; } = 1;

    /// <summary>
    /// The term weights the FNC-1 articles are aligned with; <see langword="null"/> learns them from FNC-1's training
    /// bodies and headlines, as <see cref="StanceTrainer"/> does. Pass a model's weights to select exactly what that
    /// model's checker would hand the judge.
    /// </summary>
    public TermWeights? Weights { get; init; }

    /// <summary>The training splits of COVID-Fact.</summary>
    internal static readonly string[] CovidFactSplits = ["train", "dev"];

    /// <summary>Paths equal to the same paths in the same order, so that options naming the same written pairs are equal.</summary>
    private sealed class Paths(IEnumerable<string> paths) : ReadOnlyCollection<string>([.. paths])
    {
        public override bool Equals(object? obj) => obj is Paths other && this.SequenceEqual(other, StringComparer.Ordinal);

        public override int GetHashCode()
        {
            var hash = new HashCode();
            foreach (string path in this)
            {
                hash.Add(path, StringComparer.Ordinal);
            }
            return hash.ToHashCode();
        }

        public override string ToString() => string.Join(", ", this);
    }

    /// <summary>Options using every set found under a data root (the layout of the shared data: <c>fever-nli/</c>, <c>sick/</c>, …).</summary>
    public static JudgePairOptions ForDataFolder(string root)
    {
        ArgumentNullException.ThrowIfNull(root);
        string? Found(string name, Func<string, bool> isPresent)
        {
            string folder = Path.Combine(root, name);
            return isPresent(folder) ? folder : null;
        }
        return new JudgePairOptions
        {
            FeverNli = Found("fever-nli", FeverNliDataset.IsPresent),
            Sick = Found("sick", SickDataset.IsPresent),
            SciFact = Found("scifact-nli", SciFactNliDataset.IsPresent),
            CovidFact = Found("covid-fact", CovidFactDataset.IsPresent),
            HealthVer = Found("healthver", f => File.Exists(Path.Combine(f, "healthver_dev.csv"))),
            Emergent = Found("emergent", EmergentDataset.IsPresent),
            Fnc = Found("fnc-1", f => File.Exists(FncDataset.Files(f, FncSplit.Train).Stances)),
        };
    }
}

/// <summary>The judge's training and dev pairs, and their counts.</summary>
/// <param name="Train">Pairs to train on, in the order they were built (by set, then file order; not shuffled).</param>
/// <param name="Dev">Pairs held out for choices (about <see cref="JudgePairOptions.DevFraction"/> of the groups); no group of them is in <paramref name="Train"/>.</param>
/// <param name="Summary">Pairs per origin and label on each side, and what was dropped.</param>
internal sealed record JudgePairSet(IReadOnlyList<JudgePair> Train, IReadOnlyList<JudgePair> Dev, JudgePairSummary Summary)
{
    /// <summary>The SHA-256 of the written pairs' files as they were read for this set (<see cref="WrittenPairs.Read(IReadOnlyList{string})"/>); <see langword="null"/> without written pairs.</summary>
    public string? WrittenSha256 { get; init; }
}

/// <summary>The <see cref="JudgePair.Origin"/> names of the pairs <see cref="JudgePairs"/> builds.</summary>
internal static class JudgeOrigins
{
    public const string FeverNli = "fever-nli";
    public const string Sick = "sick";
    public const string SciFact = "scifact";
    public const string CovidFact = "covid-fact";
    public const string HealthVer = "healthver";
    public const string Emergent = "emergent";

    /// <summary>FNC-1 agree (entails) and disagree (contradicts) articles: the passage stating or refuting the headline.</summary>
    public const string Fnc = "fnc-1";

    /// <summary>FNC-1 discuss articles: their top passages, neither.</summary>
    public const string FncDiscuss = "fnc-1 discuss";

    /// <summary>FNC-1 agree and disagree articles: a sentence on the subject that does not state the headline, neither.</summary>
    public const string FncUnstated = "fnc-1 unstated";

    /// <summary>FNC-1 unrelated articles: their best-aligned passage, neither.</summary>
    public const string FncUnrelated = "fnc-1 unrelated";

    /// <summary>FNC-1 training bodies: one of their sentences as the claim, against the passage holding it (entails; its edits contradict).</summary>
    public const string FncSentence = "fnc-1 sentence";

    /// <summary>FNC-1 training bodies: one of their sentences as the claim, against another sentence of the body on its subject (neither).</summary>
    public const string FncSentenceOther = "fnc-1 sentence, other fact";

    /// <summary>FNC-1 training bodies: an edit of one of their sentences as the claim, against another sentence of the body on its subject (neither).</summary>
    public const string FncSentenceEditedOther = "fnc-1 edited, other fact";

    /// <summary>Claim–passage pairs written for the judge (<see cref="JudgePairOptions.Written"/>).</summary>
    public const string Written = "written";

    /// <summary>The origin of the synthetic contradictions made from entailing pairs of <paramref name="origin"/>.</summary>
    public static string Synthetic(string origin) => "synthetic " + origin;
}

/// <summary>A pair before it is split: its keys (texts, stories) decide its group.</summary>
/// <param name="Claim">The claim.</param>
/// <param name="Passage">The passage.</param>
/// <param name="Label">The label.</param>
/// <param name="Origin">The origin (<see cref="JudgeOrigins"/>).</param>
/// <param name="Keys">The pair's group keys (<see cref="JudgeGroups.TextKey"/>, <see cref="JudgeGroups.NamedKey"/>); the group is named after the first key's group.</param>
internal sealed record JudgeCandidate(string Claim, string Passage, EntailmentLabel Label, string Origin, string[] Keys)
{
    /// <summary>The text whose names a synthetic name swap may use (the whole article); the passage when <see langword="null"/>.</summary>
    public string? Article { get; init; }
}

/// <summary>
/// Builds the entailment judge's training and dev pairs from the labeled sets' training sides, deterministically
/// for a seed:
/// <list type="bullet">
/// <item><b>fever-nli</b>: entails / contradicts; group = the claim, lower-cased.</item>
/// <item><b>sick</b> (TRAIN, TRIAL; sentence_B the claim, sentence_A the passage), <b>scifact</b> (train, dev),
/// <b>covid-fact</b> (train, dev), <b>healthver</b> (dev; neutral → neither) and <b>emergent</b> (train claims
/// against their headlines; for / against / observing → entails / contradicts / neither): grouped by shared claim
/// or passage text (case-insensitive), transitively, so that a COVID-Fact counter-claim and its claim, a SICK
/// sentence used on both sides of pairs, or an Emergent headline that is also an FNC-1 headline stay together.</item>
/// <item><b>fnc-1</b> train: passages chosen as the checker chooses them (<see cref="FncJudgePairs"/>), grouped by story.</item>
/// <item><b>synthetic</b> contradictions of entailing FEVER, Emergent and FNC-1 pairs (<see cref="JudgeContradictions"/>), in their pair's group.</item>
/// <item>optionally joined claims, other facts, framed pairs and paraphrases (<see cref="JudgePairOptions"/>), in their pair's group.</item>
/// <item>optionally <b>written</b> pairs (<see cref="JudgePairOptions.Written"/>), added last, grouped by their passage; training pairs repeated <see cref="JudgePairOptions.WrittenRepeat"/> times;
/// and after them, optionally, pairs of two written passages joined (<see cref="JudgePairOptions.WrittenJoinedEvery"/>), in the first passage's group.</item>
/// </list>
/// The groups (<see cref="JudgeGroups"/>) are formed from every pair's keys before FNC-1's passages are chosen; about
/// <see cref="JudgePairOptions.DevFraction"/> of them go to dev by a stable hash of (seed, group). Pairs with an empty or
/// white-space claim or passage are dropped, and a pair repeated with the same claim, passage and label is kept once.
/// </summary>
internal static class JudgePairs
{
    /// <summary>Builds the pairs of the sets named in <paramref name="options"/>.</summary>
    /// <exception cref="ArgumentException">No set is named, a test side is asked for, or a setting is out of range.</exception>
    /// <exception cref="ClaimMlDataException">A set's file is missing or malformed.</exception>
    public static JudgePairSet Build(JudgePairOptions options, IProgress<TrainingProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        Validate(options);
        var candidates = new List<JudgeCandidate>();
        int step = 0;
        const int steps = 8;

        if (options.FeverNli is { } fever)
        {
            progress?.Report(new TrainingProgress("Reading fever-nli", step, steps));
            foreach (NliPair p in FeverNliDataset.Load(fever))
            {
                candidates.Add(new JudgeCandidate(p.Claim, p.Passage, p.Label, JudgeOrigins.FeverNli, [JudgeGroups.TextKey(p.Claim)]));
            }
        }
        step++;
        if (options.Sick is { } sick)
        {
            progress?.Report(new TrainingProgress("Reading sick", step, steps));
            AddNli(candidates, SickDataset.Load(sick, options.SickSides), JudgeOrigins.Sick);
        }
        step++;
        if (options.SciFact is { } scifact)
        {
            progress?.Report(new TrainingProgress("Reading scifact", step, steps));
            foreach (string side in options.SciFactSides)
            {
                AddNli(candidates, SciFactNliDataset.Load(scifact, side), JudgeOrigins.SciFact);
            }
        }
        step++;
        if (options.CovidFact is { } covid)
        {
            progress?.Report(new TrainingProgress("Reading covid-fact", step, steps));
            foreach (string side in options.CovidFactSides)
            {
                AddStances(candidates, CovidFactDataset.Load(covid, side).ToPairs(), JudgeOrigins.CovidFact);
            }
        }
        step++;
        if (options.HealthVer is { } healthver)
        {
            progress?.Report(new TrainingProgress("Reading healthver", step, steps));
            AddStances(candidates, TrainingSets.Load("healthver", healthver), JudgeOrigins.HealthVer);
        }
        step++;
        if (options.Emergent is { } emergent)
        {
            progress?.Report(new TrainingProgress("Reading emergent", step, steps));
            AddStances(candidates, TrainingSets.Load("emergent", emergent), JudgeOrigins.Emergent);
        }
        step++;
        FncJudgePairs? fnc = null;
        if (options.Fnc is { } fncFolder)
        {
            progress?.Report(new TrainingProgress("Reading fnc-1", step, steps));
            fnc = FncJudgePairs.Load(fncFolder);
        }
        step++;
        var written = new List<JudgeCandidate>();
        List<NliPair> writtenPairs = [];
        string? writtenSha256 = null;
        if (options.Written is { } writtenPaths)
        {
            progress?.Report(new TrainingProgress("Reading written pairs", step, steps));
            (writtenPairs, writtenSha256) = WrittenPairs.Read(writtenPaths);
            foreach (NliPair p in writtenPairs)
            {
                written.Add(new JudgeCandidate(p.Claim, p.Passage, p.Label, JudgeOrigins.Written, [JudgeGroups.TextKey(p.Passage)]));
            }
        }

        // The groups are known before any FNC-1 passage is chosen, so that unrelated pairs can be drawn on their headline's side.
        var groups = new JudgeGroups();
        foreach (JudgeCandidate candidate in candidates)
        {
            if (!IsEmpty(candidate))
            {
                groups.Join(candidate.Keys);
            }
        }
        foreach (string[] keys in fnc?.Keys ?? [])
        {
            groups.Join(keys);
        }
        foreach (JudgeCandidate candidate in written)
        {
            groups.Join(candidate.Keys);
        }
        var split = new Split(groups, options.Seed, options.DevFraction);
        bool? SideOf(JudgeCandidate c) => c.Keys.Length == 0 ? null : split.IsDev(c.Keys[0]); // null: no group, not used as a donor
        if (fnc is not null)
        {
            progress?.Report(new TrainingProgress("Selecting fnc-1 passages", step, steps));
            candidates.AddRange(fnc.Select(options, split.IsDev));
        }
        progress?.Report(new TrainingProgress("Synthetic contradictions", step, steps));
        candidates.AddRange(JudgeContradictions.Make(candidates, options.Seed, options.SyntheticEvery));
        AddMade(options.ConjunctionEvery, "Joined claims", every => JudgeConjunctions.Make(candidates, SideOf, options.Seed, every));
        AddMade(options.OtherFactEvery, "Other facts", every => JudgeOtherFacts.Make(candidates, SideOf, options.Seed, every));
        AddMade(options.FramedEvery, "Framed passages", every => JudgeFrames.Make(candidates, options.Seed, every));
        AddMade(options.FramedOtherEvery, "Framed other statements", every => JudgeFrames.MakeOther(candidates, SideOf, options.Seed, every));
        AddMade(options.ParaphraseEvery, "Paraphrased claims", every => JudgeParaphrases.Make(candidates, options.Seed, every));
        AddMade(options.FigureEvery, "Restated figures", every => JudgeFigures.Make(candidates, options.Seed, every));
        candidates.AddRange(written);
        AddMade(options.WrittenJoinedEvery, "Joined written passages", every => JudgeJoinedPassages.Make(writtenPairs, passage => split.IsDev(JudgeGroups.TextKey(passage)), options.Seed, every));
        AddMade(options.WrittenEditEvery, "Edited written claims", every => JudgeContradictions.Make(candidates, options.Seed, every, [JudgeOrigins.Written]));
        AddMade(options.WrittenFramedEvery, "Framed written passages", every => JudgeFrames.MakeWritten(candidates, options.Seed, every));
        AddMade(options.WrittenDetailEditEvery, "Detail-edited written claims", every => JudgeContradictions.MakeDetailEdits(candidates, options.Seed, every));
        AddMade(options.CloseFigureEvery, "Close misstated figures", every => JudgeCloseFigures.Make(candidates, options.Seed, every));
        AddMade(options.NumberWordFigureEvery, "Misstated number words", every => JudgeNumberWordFigures.Make(candidates, options.Seed, every));
        AddMade(options.DirectionWordEvery, "Direction words", every => JudgeDirectionWords.Make(candidates, options.Seed, every));
        AddMade(options.DetailDeletionEvery, "Details deleted", every => JudgeDetailDeletions.Make(candidates, options.Seed, every));
        AddMade(options.UnitSwapEvery, "Units changed", every => JudgeUnitSwaps.Make(candidates, options.Seed, every));
        JudgePairSet set = Assemble(candidates, split);
        if (options.WrittenRepeat > 1 && written.Count > 0)
        {
            set = Repeat(set, JudgeOrigins.Written, options.WrittenRepeat);
        }
        if (options.DetailDeletionEvery > 0)
        {
            set = RepeatMade(set, JudgeDetailDeletions.Origin, options.DetailDeletionRepeat);
        }
        if (options.UnitSwapEvery > 0)
        {
            set = RepeatMade(set, JudgeUnitSwaps.Origin, options.UnitSwapRepeat);
        }
        progress?.Report(new TrainingProgress("Done", steps, steps));
        return set with { WrittenSha256 = writtenSha256 };

        // One kind of made pairs, when its option asks for some (every > 0): its stage shown, its pairs added after
        // every pair before it (a maker reads them all).
        void AddMade(int every, string stage, Func<int, IEnumerable<JudgeCandidate>> make)
        {
            if (every > 0)
            {
                progress?.Report(new TrainingProgress(stage, step, steps));
                candidates.AddRange(make(every));
            }
        }
    }

    /// <summary>The side of each group: dev when <see cref="JudgeGroups.IsDev"/> says so for the seed and fraction, worked out once per group.</summary>
    internal sealed class Split(JudgeGroups groups, int seed, double devFraction)
    {
        private readonly Dictionary<string, bool> _devOfGroup = new(StringComparer.Ordinal);

        /// <summary>The groups.</summary>
        public JudgeGroups Groups => groups;

        /// <summary>Whether the group of <paramref name="key"/> is in the dev part; <see langword="null"/> for a key no pair gave.</summary>
        public bool? IsDev(string key)
        {
            if (!groups.Contains(key))
            {
                return null;
            }
            string group = groups.GroupOf(key);
            if (!_devOfGroup.TryGetValue(group, out bool dev))
            {
                _devOfGroup[group] = dev = JudgeGroups.IsDev(seed, group, devFraction);
            }
            return dev;
        }
    }

    /// <summary>
    /// Puts each candidate on its group's side of <paramref name="split"/> and keeps each pair once: pairs with an
    /// empty claim or passage, or repeating the claim, passage and label of an earlier one, are left out and counted.
    /// </summary>
    internal static JudgePairSet Assemble(IReadOnlyList<JudgeCandidate> candidates, Split split)
    {
        var train = new List<JudgePair>();
        var dev = new List<JudgePair>();
        var seen = new HashSet<(string, string, EntailmentLabel)>();
        var counts = new Dictionary<string, int[]>(StringComparer.Ordinal);
        var origins = new List<string>();
        int empty = 0, duplicates = 0;
        foreach (JudgeCandidate c in candidates)
        {
            if (IsEmpty(c))
            {
                empty++;
                continue;
            }
            if (!seen.Add((c.Claim, c.Passage, c.Label)))
            {
                duplicates++;
                continue;
            }
            bool inDev = split.IsDev(c.Keys[0])
                ?? throw new InvalidOperationException($"The {c.Origin} pair '{c.Claim}' has a key that was not joined before the split.");
            var pair = new JudgePair(c.Claim, c.Passage, c.Label, c.Origin, split.Groups.GroupOf(c.Keys[0]));
            (inDev ? dev : train).Add(pair);
            if (!counts.TryGetValue(c.Origin, out int[]? row))
            {
                counts[c.Origin] = row = new int[6];
                origins.Add(c.Origin);
            }
            row[(inDev ? 3 : 0) + (int)c.Label]++;
        }
        var summary = new JudgePairSummary(
            [.. origins.Select(o => new JudgeOriginCounts(o, new LabelCounts(counts[o][0], counts[o][1], counts[o][2]), new LabelCounts(counts[o][3], counts[o][4], counts[o][5])))],
            empty, duplicates);
        return new JudgePairSet(train, dev, summary);
    }

    /// <summary>
    /// <paramref name="set"/> with each training pair a maker made from each of <see cref="JudgeCloseFigures.SourceOrigins"/>
    /// (its origin named by <paramref name="originOf"/>) put in <paramref name="times"/> times, one origin after another.
    /// </summary>
    private static JudgePairSet RepeatMade(JudgePairSet set, Func<string, string> originOf, int times)
    {
        if (times > 1)
        {
            foreach (string origin in JudgeCloseFigures.SourceOrigins)
            {
                set = Repeat(set, originOf(origin), times);
            }
        }
        return set;
    }

    /// <summary>
    /// <paramref name="set"/> with each training pair of <paramref name="origin"/> put in <paramref name="times"/> times
    /// (the copies follow the pairs, in order; training shuffles them); dev pairs and the summary (distinct pairs) unchanged.
    /// </summary>
    internal static JudgePairSet Repeat(JudgePairSet set, string origin, int times)
    {
        var train = new List<JudgePair>(set.Train);
        for (int copy = 1; copy < times; copy++)
        {
            foreach (JudgePair pair in set.Train)
            {
                if (pair.Origin == origin)
                {
                    train.Add(pair);
                }
            }
        }
        return set with { Train = train };
    }

    /// <summary>
    /// The start every maker of synthetic pairs shares: checks its arguments, then gives the (claim, passage) of every
    /// candidate (<see cref="ClaimPassagePairs"/>), or null when <paramref name="every"/> is 0 and nothing is to be made.
    /// </summary>
    internal static HashSet<(string, string)>? PairsToAvoid(IReadOnlyList<JudgeCandidate> candidates, int every)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentOutOfRangeException.ThrowIfNegative(every);
        return every == 0 ? null : ClaimPassagePairs(candidates);
    }

    /// <summary>The (claim, passage) of every candidate, so that a maker of synthetic pairs never makes one that is already there.</summary>
    internal static HashSet<(string, string)> ClaimPassagePairs(IReadOnlyList<JudgeCandidate> candidates)
    {
        var pairs = new HashSet<(string, string)>(candidates.Count);
        foreach (JudgeCandidate c in candidates)
        {
            pairs.Add((c.Claim, c.Passage));
        }
        return pairs;
    }

    private static bool IsEmpty(JudgeCandidate candidate) => string.IsNullOrWhiteSpace(candidate.Claim) || string.IsNullOrWhiteSpace(candidate.Passage);

    /// <summary>A seed of its own for one part (e.g. "fnc-1"), stable across processes, so that parts draw independently.</summary>
    internal static int SeedFor(int seed, string part) => unchecked((int)(TermHash.Continue(TermHash.Of(part), seed.ToString(CultureInfo.InvariantCulture)) >> 33));

    /// <summary>The label of a stance of the claim-level sets' pairs: discusses (and unrelated) read as neither.</summary>
    internal static EntailmentLabel LabelOf(Stance stance) => stance switch
    {
        Stance.Supports => EntailmentLabel.Entails,
        Stance.Refutes => EntailmentLabel.Contradicts,
        _ => EntailmentLabel.Neither,
    };

    private static void AddNli(List<JudgeCandidate> candidates, List<NliPair> pairs, string origin)
    {
        foreach (NliPair p in pairs)
        {
            candidates.Add(new JudgeCandidate(p.Claim, p.Passage, p.Label, origin, [JudgeGroups.TextKey(p.Claim), JudgeGroups.TextKey(p.Passage)]));
        }
    }

    private static void AddStances(List<JudgeCandidate> candidates, LabeledPairSet set, string origin)
    {
        foreach (LabeledPair p in set.Pairs)
        {
            string passage = set.Sources[p.Source];
            candidates.Add(new JudgeCandidate(p.Claim, passage, LabelOf(p.Stance), origin, [JudgeGroups.TextKey(p.Claim), JudgeGroups.TextKey(passage)]));
        }
    }

    private static void Validate(JudgePairOptions options)
    {
        if (options.FeverNli is null && options.Sick is null && options.SciFact is null && options.CovidFact is null
            && options.HealthVer is null && options.Emergent is null && options.Fnc is null && options.Written is null)
        {
            throw new ArgumentException("No set is named: give at least one folder (fever-nli, sick, scifact-nli, covid-fact, healthver, emergent, fnc-1) or written pairs.", nameof(options));
        }
        if (options.WrittenRepeat < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.WrittenRepeat, "WrittenRepeat must be 1 or more.");
        }
        if (options.DetailDeletionRepeat < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.DetailDeletionRepeat, "DetailDeletionRepeat must be 1 or more.");
        }
        if (options.UnitSwapRepeat < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.UnitSwapRepeat, "UnitSwapRepeat must be 1 or more.");
        }
        if (options.WrittenEditEvery > 0 && options.Written is null)
        {
            throw new ArgumentException("WrittenEditEvery edits written claims: give written pairs (Written) too.", nameof(options));
        }
        if (options.WrittenFramedEvery > 0 && options.Written is null)
        {
            throw new ArgumentException("WrittenFramedEvery frames written passages: give written pairs (Written) too.", nameof(options));
        }
        if (options.WrittenDetailEditEvery > 0 && options.Written is null)
        {
            throw new ArgumentException("WrittenDetailEditEvery edits written claims: give written pairs (Written) too.", nameof(options));
        }
        if (options.WrittenDetailEditEvery < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.WrittenDetailEditEvery, "WrittenDetailEditEvery must be 0 (none) or more.");
        }
        if (options.WrittenFramedEvery < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.WrittenFramedEvery, "WrittenFramedEvery must be 0 (none) or more.");
        }
        if (options.WrittenJoinedEvery > 0 && options.Written is null)
        {
            throw new ArgumentException("WrittenJoinedEvery joins written passages: give written pairs (Written) too.", nameof(options));
        }
        foreach (string side in options.CovidFactSides)
        {
            if (Array.IndexOf(JudgePairOptions.CovidFactSplits, side) < 0)
            {
                throw new ArgumentException($"'{side}' is not a training split of COVID-Fact; use train or dev (test is a test side).", nameof(options));
            }
        }
        foreach (string side in options.SciFactSides)
        {
            if (Array.IndexOf(SciFactNliDataset.Sides, side) < 0)
            {
                throw new ArgumentException($"'{side}' is not a side of SciFact; use train or dev.", nameof(options));
            }
        }
        foreach (string side in options.SickSides)
        {
            if (Array.IndexOf(SickDataset.TrainingSides, side) < 0)
            {
                throw new ArgumentException($"'{side}' is not a training side of SICK; use TRAIN or TRIAL (TEST is a test side).", nameof(options));
            }
        }
        if (options.DevFraction is < 0 or >= 1 || double.IsNaN(options.DevFraction))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.DevFraction, "DevFraction must be at least 0 and below 1.");
        }
        if (options.ArticleSentences < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.ArticleSentences, "ArticleSentences must be 0 (none) or more.");
        }
        if (options.OtherFactEvery < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.OtherFactEvery, "OtherFactEvery must be 0 (none) or more.");
        }
        if (options.WindowPassageEvery < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.WindowPassageEvery, "WindowPassageEvery must be 0 (none) or more.");
        }
        if (options.FigureEvery < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.FigureEvery, "FigureEvery must be 0 (none) or more.");
        }
        if (options.CloseFigureEvery < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.CloseFigureEvery, "CloseFigureEvery must be 0 (none) or more.");
        }
        if (options.NumberWordFigureEvery < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.NumberWordFigureEvery, "NumberWordFigureEvery must be 0 (none) or more.");
        }
        if (options.DirectionWordEvery < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.DirectionWordEvery, "DirectionWordEvery must be 0 (none) or more.");
        }
        if (options.DetailDeletionEvery < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.DetailDeletionEvery, "DetailDeletionEvery must be 0 (none) or more.");
        }
        if (options.UnitSwapEvery < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.UnitSwapEvery, "UnitSwapEvery must be 0 (none) or more.");
        }
        if (options.ParaphraseEvery < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.ParaphraseEvery, "ParaphraseEvery must be 0 (none) or more.");
        }
        if (options.FramedEvery < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.FramedEvery, "FramedEvery must be 0 (none) or more.");
        }
        if (options.FramedOtherEvery < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.FramedOtherEvery, "FramedOtherEvery must be 0 (none) or more.");
        }
        if (options.ConjunctionEvery < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.ConjunctionEvery, "ConjunctionEvery must be 0 (none) or more.");
        }
        if (options.SyntheticEvery < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.SyntheticEvery, "SyntheticEvery must be 0 (none) or more.");
        }
        if (options.FncMaxNeitherShare is < 0 or >= 1 || double.IsNaN(options.FncMaxNeitherShare))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.FncMaxNeitherShare, "FncMaxNeitherShare must be at least 0 and below 1.");
        }
    }
}
