using ClaimMl.Entailment;
using ClaimMl.Features;
using ClaimMl.Indexing;
using ClaimMl.Model;

namespace ClaimMl;

/// <summary>
/// Checks claims against sources. Index the sources once with <see cref="Index(IEnumerable{Source})"/>,
/// then call <see cref="Check(string, SourceSet)"/> for as many claims as needed. Instances are
/// immutable and thread-safe: one checker can serve a whole application. By default
/// (<see cref="ClaimCheckingMode.Judged"/>) the entailment judge reads the passages the lexical stage picks;
/// <see cref="ClaimCheckingMode.LexicalOnly"/> skips it. A checker that loaded a judge model from a file owns it:
/// dispose the checker when done (the default judge inside the package is shared and never disposed).
/// </summary>
/// <example>
/// <code>
/// var checker = ClaimChecker.CreateDefault();
/// SourceSet sources = checker.Index([new Source("wire.txt", articleText)]);
/// ClaimResult result = checker.Check("The bridge reopened on Monday.", sources);
/// Console.WriteLine($"{result.Verdict} ({result.Confidence:P0})");
/// </code>
/// </example>
public sealed class ClaimChecker : IDisposable
{
    internal const string EmbeddedModelName = "ClaimMl.Models.stance.zip";
    internal const string EmbeddedJudgeName = "ClaimMl.Models.judge.zip";
    private static readonly Lazy<StanceModel> EmbeddedModel = new(LoadEmbedded, LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly Lazy<EntailmentJudge> EmbeddedJudge = new(LoadEmbeddedJudge, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Sources per claim up to which the verdict's scratch lives on the stack.</summary>
    private const int StackSources = 128;

    /// <summary>Sources per parallel work item when <see cref="CheckAll"/> splits a claim's sources between cores.</summary>
    private const int SourcesPerWorkItem = 8;

    /// <summary>Each thread's claim analysis, re-filled by every <see cref="Check(string, SourceSet)"/> on that thread.</summary>
    [ThreadStatic]
    private static IndexedClaim? t_claim;

    private readonly StanceModel _model;
    private readonly Lazy<StanceExplainer> _explainer;
    private readonly ClaimCheckerLimits _limits;
    private readonly EntailmentJudge? _judge;
    private readonly JudgeVerdictSettings _judgeSettings;
    private readonly bool _ownsJudge;

    internal ClaimChecker(StanceModel model, ClaimCheckerLimits? limits = null, EntailmentJudge? judge = null, bool ownsJudge = false, JudgeVerdictSettings? judgeSettings = null)
    {
        _model = model;
        _explainer = new Lazy<StanceExplainer>(() => new StanceExplainer(model), LazyThreadSafetyMode.ExecutionAndPublication);
        _limits = limits ?? ClaimCheckerLimits.Default;
        _judge = judge;
        _ownsJudge = judge is not null && ownsJudge;
        _judgeSettings = judgeSettings ?? (judge is null ? JudgeVerdictSettings.Default : JudgeVerdictSettings.From(judge.Manifest.Verdict, judge.Description));
    }

    internal StanceModel Model => _model;

    internal EntailmentJudge? Judge => _judge;

    internal JudgeVerdictSettings JudgeSettings => _judgeSettings;

    /// <summary>Whether the entailment judge reads the sources (<see cref="ClaimCheckingMode.Judged"/>) or the lexical stage decides alone.</summary>
    public ClaimCheckingMode Mode => _judge is null ? ClaimCheckingMode.LexicalOnly : ClaimCheckingMode.Judged;

    /// <summary>What the judge was loaded from ("embedded judge model" or its path), or <see langword="null"/> in the lexical-only mode.</summary>
    public string? JudgeDescription => _judge?.Description;

    /// <summary>The input limits this checker enforces (<see cref="ClaimCheckerLimits.Default"/> unless set with <see cref="WithLimits"/>).</summary>
    public ClaimCheckerLimits Limits => _limits;

    /// <summary>
    /// A checker on the same loaded model with other input limits. Cheap (the model is shared, not reloaded), and
    /// <see cref="SourceSet"/>s indexed by either checker work with both.
    /// </summary>
    /// <param name="limits">The limits, e.g. <c>checker.Limits with { MaxSourceLength = 50_000_000 }</c>.</param>
    public ClaimChecker WithLimits(ClaimCheckerLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        return new ClaimChecker(_model, limits, _judge, ownsJudge: false, _judgeSettings);
    }

    /// <summary>
    /// A checker with the models shipped inside this package (no file, no network): the stance model and, in the
    /// default <see cref="ClaimCheckingMode.Judged"/> mode, the entailment judge (loaded once per process, about a second).
    /// </summary>
    /// <param name="mode">Whether the judge reads the sources.</param>
    /// <exception cref="ClaimMlModelException">The package was built without its models.</exception>
    public static ClaimChecker CreateDefault(ClaimCheckingMode mode = ClaimCheckingMode.Judged) =>
        new(EmbeddedModel.Value, judge: mode == ClaimCheckingMode.Judged ? EmbeddedJudge.Value : null);

    /// <summary>A checker using a stance model file written by <c>claimml train</c>, with the judge inside the package.</summary>
    /// <param name="modelPath">Path of the model <c>.zip</c>.</param>
    /// <param name="mode">Whether the judge reads the sources.</param>
    /// <exception cref="ClaimMlModelException">The file is missing, corrupt, of another format version or feature set.</exception>
    public static ClaimChecker Load(string modelPath, ClaimCheckingMode mode = ClaimCheckingMode.Judged)
    {
        ArgumentException.ThrowIfNullOrEmpty(modelPath);
        return new ClaimChecker(ModelFile.Load(modelPath), judge: mode == ClaimCheckingMode.Judged ? EmbeddedJudge.Value : null);
    }

    /// <summary>A checker using a stance model read from a stream (e.g. an embedded resource of your own), with the judge inside the package.</summary>
    /// <param name="modelStream">The model <c>.zip</c> content.</param>
    /// <param name="mode">Whether the judge reads the sources.</param>
    /// <exception cref="ClaimMlModelException">The content is corrupt, of another format version or feature set.</exception>
    public static ClaimChecker Load(Stream modelStream, ClaimCheckingMode mode = ClaimCheckingMode.Judged)
    {
        ArgumentNullException.ThrowIfNull(modelStream);
        return new ClaimChecker(ModelFile.Load(modelStream, "stream"), judge: mode == ClaimCheckingMode.Judged ? EmbeddedJudge.Value : null);
    }

    /// <summary>
    /// A checker on the same stance model and limits with the entailment judge of a file written by the judge
    /// trainer (<c>judge.zip</c>). The new checker owns that judge: dispose it when done.
    /// </summary>
    /// <param name="judgePath">Path of the judge model <c>.zip</c>.</param>
    /// <exception cref="ClaimMlModelException">The file is missing, truncated, or not a judge model this version reads.</exception>
    public ClaimChecker WithJudge(string judgePath)
    {
        ArgumentException.ThrowIfNullOrEmpty(judgePath);
        return new ClaimChecker(_model, _limits, JudgeModelFile.Load(judgePath), ownsJudge: true);
    }

    /// <summary>As <see cref="WithJudge(string)"/>, with the judge model read from a stream.</summary>
    /// <param name="judgeStream">The judge model <c>.zip</c> content.</param>
    /// <exception cref="ClaimMlModelException">The content is truncated or not a judge model this version reads.</exception>
    public ClaimChecker WithJudge(Stream judgeStream)
    {
        ArgumentNullException.ThrowIfNull(judgeStream);
        return new ClaimChecker(_model, _limits, JudgeModelFile.Load(judgeStream, "stream"), ownsJudge: true);
    }

    /// <summary>A checker on the same stance model and limits in the <see cref="ClaimCheckingMode.LexicalOnly"/> mode.</summary>
    public ClaimChecker WithoutJudge() => new(_model, _limits);

    /// <summary>Releases the judge this checker loaded from a file (nothing for the default judge, or a lexical-only checker).</summary>
    public void Dispose()
    {
        if (_ownsJudge)
        {
            _judge!.Dispose();
        }
    }

    /// <summary>
    /// Indexes sources once, for any number of checks. A source that holds no word (only numbers,
    /// punctuation or symbols) is indexed but is unrelated to every claim: figures alone are no evidence.
    /// </summary>
    /// <param name="sources">The sources; names need not be unique.</param>
    /// <exception cref="ClaimCheckerLimitException">More sources than <see cref="ClaimCheckerLimits.MaxSources"/>, or a source longer than <see cref="ClaimCheckerLimits.MaxSourceLength"/>.</exception>
    public SourceSet Index(IEnumerable<Source> sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        // Every source is checked against the limits before any is indexed: an oversized input costs nothing.
        List<Source> list = [];
        if (sources.TryGetNonEnumeratedCount(out int count))
        {
            _limits.CheckSourceCount(count, exact: true, nameof(sources));
        }
        foreach (Source source in sources)
        {
            ArgumentNullException.ThrowIfNull(source, nameof(sources));
            _limits.CheckSourceCount(list.Count + 1, exact: false, nameof(sources));
            _limits.CheckSource(source, nameof(sources));
            list.Add(source);
        }
        var indexed = new List<IndexedSource>(list.Count);
        foreach (Source source in list)
        {
            indexed.Add(IndexedSource.Create(source.Name ?? string.Empty, source.Text ?? string.Empty, _model.Weights));
        }
        return new SourceSet(indexed.ToArray(), _model);
    }

    /// <summary>Checks one claim against indexed sources.</summary>
    /// <param name="claim">The claim, one sentence or a few.</param>
    /// <param name="sources">Sources indexed by this checker.</param>
    /// <returns>The verdict, its confidence and what each source says.</returns>
    /// <exception cref="ClaimCheckerLimitException">The claim is longer than <see cref="ClaimCheckerLimits.MaxClaimLength"/>, or the set holds more than <see cref="ClaimCheckerLimits.MaxSources"/> sources.</exception>
    public ClaimResult Check(string claim, SourceSet sources)
    {
        ArgumentNullException.ThrowIfNull(claim);
        ArgumentNullException.ThrowIfNull(sources);
        if (!ReferenceEquals(sources.Owner, _model))
        {
            throw new ArgumentException("These sources were indexed by a checker with another model; index them with this checker.", nameof(sources));
        }
        CheckLimits(claim, sources);

        // The claim is analysed once, into this thread's reusable buffers, and matched against every source.
        IndexedClaim indexedClaim = t_claim ??= IndexedClaim.CreateReusable();
        indexedClaim.Analyze(claim, _model.Weights);
        var assessments = new SourceAssessment[sources.Count];
        if (_judge is null)
        {
            Assess(indexedClaim, sources.Sources, assessments, 0, sources.Count);
        }
        else
        {
            AssessJudged(claim, indexedClaim, sources.Sources, assessments, 0, sources.Count);
        }
        indexedClaim.Clear(); // keeps the buffers, lets go of the claim's text
        return Decide(claim, assessments);
    }

    /// <summary>The stance probabilities of a source with no word: unrelated to every claim.</summary>
    private static readonly StanceProbabilities WordlessSource = new(0, 0, 0, 1);

    /// <summary>What <see cref="Explain"/> gives as the decision for a source with no word.</summary>
    internal const string WordlessDecision = "none: the source holds no word, only numbers or symbols, so it is unrelated to every claim";

    /// <summary>Assesses sources <paramref name="from"/> up to <paramref name="to"/> (exclusive) against an analysed claim.</summary>
    private void Assess(IndexedClaim claim, IndexedSource[] sources, SourceAssessment[] assessments, int from, int to)
    {
        Span<float> features = stackalloc float[FeatureSet.Count];
        for (int i = from; i < to; i++)
        {
            IndexedSource source = sources[i];
            if (!source.HasWords)
            {
                // Figures and symbols alone state nothing; their overlap with a claim's figures is no evidence.
                assessments[i] = new SourceAssessment(source.Name, Stance.Unrelated, WordlessSource, null);
                continue;
            }
            Alignment alignment = StanceFeaturizer.Featurize(claim, source, features);
            StanceProbabilities p = _model.Predict(features);
            Stance stance = _model.DecideForVerdict(p);
            int evidenceSentence = ChooseEvidence(claim, source, alignment, stance);
            string? evidence = evidenceSentence >= 0 ? source.SentenceText(evidenceSentence) : null;
            assessments[i] = new SourceAssessment(source.Name, stance, p, evidence);
        }
    }

    /// <summary>
    /// Assesses sources <paramref name="from"/> up to <paramref name="to"/> with the judge (<see cref="Read"/>), each
    /// source's stance following from what the judge read in its passages (<see cref="JudgedStance"/>).
    /// </summary>
    private void AssessJudged(string claimText, IndexedClaim claim, IndexedSource[] sources, SourceAssessment[] assessments, int from, int to)
    {
        SourceReading[] read = Read(claimText, claim, sources, from, to, _judgeSettings.RelatedGate, _judgeSettings.Passages, _judgeSettings.Window);
        for (int k = 0; k < read.Length; k++)
        {
            IndexedSource source = sources[from + k];
            SourceReading reading = read[k];
            if (!source.HasWords)
            {
                assessments[from + k] = new SourceAssessment(source.Name, Stance.Unrelated, WordlessSource, null);
                continue;
            }
            var (stance, probabilities, deciding) = JudgedStance.Decide(reading.Lexical, reading.Probabilities, _judgeSettings, reading.EndsWithWindow);
            string? evidence = deciding >= 0 ? reading.Passages[deciding].Text : null;
            assessments[from + k] = new SourceAssessment(source.Name, stance, probabilities, evidence, reading.Passages);
        }
    }

    /// <summary>
    /// The lexical stage's probabilities of every source from <paramref name="from"/> up to <paramref name="to"/> and,
    /// for each source whose probability of being unrelated is below <paramref name="gate"/>, what the judge read in its
    /// <paramref name="maxPassages"/> best passages (<see cref="PassageSelector"/>) and, with <paramref name="window"/>, its
    /// window of two sentences, all passages of all sources run in one batched call.
    /// </summary>
    internal SourceReading[] Read(string claimText, IndexedClaim claim, IndexedSource[] sources, int from, int to, float gate, int maxPassages = PassageSelector.DefaultPassages, bool window = false, ContradictionReading? contradiction = null)
    {
        EntailmentJudge judge = _judge ?? throw new InvalidOperationException("This checker has no judge.");
        JudgeTokenizer tokenizer = judge.Tokenizer;
        int count = to - from;
        var lexical = new StanceProbabilities[count];
        Span<Passage> passages = stackalloc Passage[PassageSelector.MaxReadings];
        int perSource = maxPassages + (window ? 1 : 0);
        var chosen = new (Passage Passage, int Source)[count * perSource];
        var passageCounts = new int[count];
        var inputs = new List<JudgeInput>(count * perSource);
        int[]? claimPieces = null;
        Span<float> features = stackalloc float[FeatureSet.Count];
        for (int k = 0; k < count; k++)
        {
            IndexedSource source = sources[from + k];
            if (!source.HasWords)
            {
                lexical[k] = WordlessSource;
                continue;
            }
            Alignment alignment = StanceFeaturizer.Featurize(claim, source, features);
            lexical[k] = _model.Predict(features);
            if (lexical[k].Unrelated >= gate)
            {
                continue;
            }
            int n = PassageSelector.Select(source, alignment, passages, maxPassages, window);
            for (int p = 0; p < n; p++)
            {
                claimPieces ??= tokenizer.Pieces(claimText);
                chosen[inputs.Count] = (passages[p], k);
                inputs.Add(tokenizer.Combine(claimPieces, PassagePieces(source, passages[p], tokenizer)));
            }
            passageCounts[k] = n;
        }
        var probabilities = new EntailmentProbabilities[inputs.Count];
        judge.Score(inputs, probabilities);
        ReadContradictionsBothWays(contradiction ?? _judgeSettings.ContradictionReading, sources, from, chosen, claimPieces, probabilities);

        var result = new SourceReading[count];
        int next = 0;
        for (int k = 0; k < count; k++)
        {
            int n = passageCounts[k];
            var readings = new PassageReading[n];
            for (int p = 0; p < n; p++)
            {
                JudgeInput input = inputs[next + p];
                readings[p] = new PassageReading(PassageSelector.Text(sources[from + k], chosen[next + p].Passage), probabilities[next + p], input.ClaimCut, input.PassageCut, PassageSelector.IsWindow(chosen[next + p].Passage));
            }
            result[k] = new SourceReading(lexical[k], readings, probabilities.AsMemory(next, n), n > 0 && PassageSelector.IsWindow(chosen[next + n - 1].Passage));
            next += n;
        }
        return result;
    }

    /// <summary>
    /// With a <paramref name="reading"/> both ways: reads again, the other way round, every single sentence the judge read
    /// as contradicting the claim with at least <see cref="BothWays.Floor"/>, and combines the two readings in place
    /// (<see cref="BothWays.Combine"/>). Windows keep their forward reading.
    /// </summary>
    private void ReadContradictionsBothWays(ContradictionReading reading, IndexedSource[] sources, int from, (Passage Passage, int Source)[] chosen, int[]? claimPieces, EntailmentProbabilities[] probabilities)
    {
        if (reading == ContradictionReading.Forward || claimPieces is null)
        {
            return;
        }
        JudgeTokenizer tokenizer = _judge!.Tokenizer;
        List<int>? again = null;
        List<JudgeInput>? reversed = null;
        for (int i = 0; i < probabilities.Length; i++)
        {
            if (!PassageSelector.IsWindow(chosen[i].Passage) && BothWays.Wanted(reading, probabilities[i]))
            {
                (again ??= []).Add(i);
                (reversed ??= []).Add(tokenizer.Combine(PassagePieces(sources[from + chosen[i].Source], chosen[i].Passage, tokenizer), claimPieces));
            }
        }
        if (again is null)
        {
            return;
        }
        var other = new EntailmentProbabilities[again.Count];
        _judge.Score(reversed!, other);
        for (int j = 0; j < again.Count; j++)
        {
            probabilities[again[j]] = BothWays.Combine(probabilities[again[j]], other[j], reading);
        }
    }

    /// <summary>What an explanation adds when sentences' contradictions are read both ways.</summary>
    private static string BothWaysNote(ContradictionReading reading) => reading switch
    {
        ContradictionReading.BothWaysLower => "; P is the lower of the claim read against the passage and the passage against the claim",
        ContradictionReading.BothWaysMean => "; P is the mean of the claim read against the passage and the passage against the claim",
        _ => "",
    };

    /// <summary>The word pieces of a passage, from the source's per-sentence cache.</summary>
    private static int[] PassagePieces(IndexedSource source, Passage passage, JudgeTokenizer tokenizer)
    {
        if (!PassageSelector.IsWindow(passage))
        {
            return source.SentencePieces(passage.FirstSentence, tokenizer, tokenizer.Pieces);
        }
        var pieces = new List<int>();
        for (int s = passage.FirstSentence; s < passage.FirstSentence + passage.SentenceCount; s++)
        {
            pieces.AddRange(source.SentencePieces(s, tokenizer, tokenizer.Pieces));
        }
        if (passage.Joined >= 0)
        {
            pieces.AddRange(source.SentencePieces(passage.Joined, tokenizer, tokenizer.Pieces));
        }
        return pieces.ToArray();
    }

    /// <summary>The verdict over all assessments, and the result.</summary>
    private ClaimResult Decide(string claim, SourceAssessment[] assessments)
    {
        int n = assessments.Length;
        Span<Stance> stances = n <= StackSources ? stackalloc Stance[n] : new Stance[n];
        Span<StanceProbabilities> probabilities = n <= StackSources ? stackalloc StanceProbabilities[n] : new StanceProbabilities[n];
        for (int i = 0; i < n; i++)
        {
            stances[i] = assessments[i].Stance;
            probabilities[i] = assessments[i].Probabilities;
        }
        Verdict verdict = VerdictRule.Decide(stances);
        float confidence = CalibrateConfidence(verdict, VerdictRule.ConfidenceOf(verdict, probabilities));
        return new ClaimResult(claim, verdict, confidence, assessments);
    }

    /// <summary>The verdict confidence from its raw probability: the judge's calibration of that verdict in the judged mode, the stance model's otherwise.</summary>
    internal float CalibrateConfidence(Verdict verdict, float raw) => _judge is null ? _model.Calibrate(raw) : _judgeSettings.CalibrationFor(verdict)?.Apply(raw) ?? raw;

    /// <summary>
    /// Explains the stance of every source towards a claim: which decision made it and the features that
    /// weighed most in the lexical stage's part of it (ML.NET's feature contributions of the FastTree stage).
    /// In the judged mode the decision names the passage the judge read as stating or contradicting the claim
    /// (or says that none did, or that the source was not read), the contributions are those of the lexical
    /// related-vs-unrelated stage (which decides whether a source is read), and <see cref="SourceExplanation.Passages"/>
    /// lists every passage read with its three probabilities. Slower than <see cref="Check(string, SourceSet)"/>;
    /// meant for people reading results.
    /// </summary>
    /// <param name="claim">The claim.</param>
    /// <param name="sources">Sources indexed by this checker.</param>
    /// <param name="top">How many features to return per source (the largest absolute contributions).</param>
    public IReadOnlyList<SourceExplanation> Explain(string claim, SourceSet sources, int top = 5)
    {
        ArgumentNullException.ThrowIfNull(claim);
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(top);
        ClaimResult result = Check(claim, sources);
        IndexedClaim indexedClaim = IndexedClaim.Create(claim, _model.Weights);
        var explanations = new SourceExplanation[sources.Count];
        for (int i = 0; i < sources.Count; i++)
        {
            Stance stance = result.Sources[i].Stance;
            if (!sources.Sources[i].HasWords)
            {
                explanations[i] = new SourceExplanation(sources.Sources[i].Name, stance, WordlessDecision, []);
                continue;
            }
            var features = new float[FeatureSet.Count];
            StanceFeaturizer.Featurize(indexedClaim, sources.Sources[i], features);
            StanceStage stage = _judge is null ? StanceExplainer.DecidingStage(stance) : StanceStage.Related;
            float[] contributions = _explainer.Value.Contributions(stage, features);
            var ranked = Enumerable.Range(0, FeatureSet.Count)
                .OrderByDescending(f => Math.Abs(contributions[f]))
                .ThenBy(f => f)
                .Take(top)
                .Select(f => new FeatureContribution(FeatureSet.Names[f], features[f], contributions[f]))
                .ToArray();
            string decision = _judge is not null
                ? JudgedDecision(result.Sources[i])
                : stage switch
                {
                    StanceStage.Related => "related vs unrelated",
                    StanceStage.TakesPosition => "takes a position vs discusses",
                    _ => "refutes vs supports",
                };
            explanations[i] = new SourceExplanation(sources.Sources[i].Name, stance, decision, ranked) { Passages = result.Sources[i].Passages };
        }
        return explanations;
    }

    /// <summary>What decided a source's stance in the judged mode, in words.</summary>
    private string JudgedDecision(SourceAssessment source)
    {
        var c = System.Globalization.CultureInfo.InvariantCulture;
        IReadOnlyList<PassageReading> read = source.Passages;
        if (read.Count == 0)
        {
            return string.Create(c, $"not read by the judge: the lexical stage gives P(unrelated) {source.Probabilities.Unrelated / Math.Max(1e-6f, 1 - source.Probabilities.Supports - source.Probabilities.Refutes):0.00} (gate {_judgeSettings.RelatedGate:0.00}) or no sentence shares a content word with the claim");
        }
        int Strongest(Func<EntailmentProbabilities, float> of, bool skipWindow)
        {
            int best = 0;
            for (int p = 1; p < read.Count; p++)
            {
                if (!(skipWindow && read[p].IsWindow) && of(read[p].Probabilities) > of(read[best].Probabilities))
                {
                    best = p;
                }
            }
            return best;
        }
        int contradicting = Strongest(p => p.Contradicts, _judgeSettings.WindowEntailsOnly), entailing = Strongest(p => p.Entails, skipWindow: false);
        float contradicts = read[contradicting].Probabilities.Contradicts, entails = read[entailing].Probabilities.Entails;
        string margin = _judgeSettings.RefuteMargin is float m
            ? string.Create(c, $", {m:0.00} or more above the highest entailment read in the source, P {entails:0.00}")
            : "";
        // A contradiction that reaches its threshold and still does not refute: the margin kept it from refuting.
        string overruled = _judgeSettings.RefuteMargin is float least && contradicts >= _judgeSettings.Contradicts
            && !JudgedStance.Refutes(read[contradicting].Probabilities, entails, _judgeSettings)
            ? string.Create(c, $"; passage {contradicting + 1} contradicts it (P {contradicts:0.00}) by less than {least:0.00} over passage {entailing + 1}'s entailment (P {entails:0.00}), so the source does not refute")
            : "";
        return source.Stance switch
        {
            Stance.Refutes => string.Create(c, $"the judge read passage {contradicting + 1} of {read.Count} as contradicting the claim (P {contradicts:0.00} ≥ {_judgeSettings.Contradicts:0.00}{margin}{BothWaysNote(_judgeSettings.ContradictionReading)})"),
            Stance.Supports => string.Create(c, $"the judge read passage {entailing + 1} of {read.Count} as stating the claim (P {entails:0.00} ≥ {_judgeSettings.Entails:0.00}){overruled}"),
            _ => string.Create(c, $"the judge read {read.Count} passage(s); none states the claim (P ≥ {_judgeSettings.Entails:0.00}) or contradicts it (P ≥ {_judgeSettings.Contradicts:0.00}{(_judgeSettings.RefuteMargin is float n ? string.Create(c, $", {n:0.00} above the highest entailment") : "")}){overruled}; the lexical stage decides discusses vs unrelated"),
        };
    }

    /// <summary>
    /// Checks every sentence of a text (an answer, a summary, an article) as a claim, split by the
    /// same sentence splitter as the sources. Results are in sentence order; <see cref="ClaimResult.Claim"/>
    /// is the sentence.
    /// </summary>
    /// <param name="text">The text whose sentences are checked.</param>
    /// <param name="sources">Sources indexed by this checker.</param>
    /// <param name="cancellationToken">Stops the run.</param>
    /// <exception cref="ClaimCheckerLimitException">A sentence is longer than <see cref="ClaimCheckerLimits.MaxClaimLength"/>, or the set holds more than <see cref="ClaimCheckerLimits.MaxSources"/> sources.</exception>
    public IReadOnlyList<ClaimResult> CheckText(string text, SourceSet sources, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        IReadOnlyList<string> sentences = SplitSentences(text);
        for (int i = 0; i < sentences.Count; i++)
        {
            _limits.CheckClaim(sentences[i], nameof(text), $"Sentence {i} of the text");
        }
        return CheckAll(sentences, sources, cancellationToken);
    }

    /// <summary>The sentences of <paramref name="text"/>, as <see cref="CheckText"/> checks them.</summary>
    /// <param name="text">A text.</param>
    public static IReadOnlyList<string> SplitSentences(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var spans = Text.SentenceSplitter.Split(text);
        var sentences = new string[spans.Count];
        for (int i = 0; i < spans.Count; i++)
        {
            sentences[i] = text.Substring(spans[i].Start, spans[i].Length);
        }
        return sentences;
    }

    /// <summary>
    /// The sentence shown as evidence: the best-aligned one, except that a refuting source shows the
    /// first of its three best-aligned sentences that carries the refutation: one stating a number
    /// that differs from the claim's, else one with a negation or refuting cue.
    /// </summary>
    internal static int ChooseEvidence(IndexedClaim claim, IndexedSource source, Alignment alignment, Stance stance)
    {
        if (stance == Stance.Refutes)
        {
            ReadOnlySpan<int> top = [alignment.Best, alignment.Second, alignment.Third];
            foreach (int s in top)
            {
                if (s >= 0 && StanceFeaturizer.NumberConflict(claim, source.SentenceTokens(s)) > 0)
                {
                    return s; // a figure stated differently is the most specific refutation
                }
            }
            foreach (int s in top)
            {
                if (s >= 0 && source.Sentences[s].RefutingCues + source.Sentences[s].Negations > 0)
                {
                    return s;
                }
            }
        }
        return alignment.Best;
    }

    /// <summary>
    /// Checks many claims against the same indexed sources on all cores; results are in claim order.
    /// With at least as many claims as cores, each core checks whole claims; with fewer, each claim's
    /// sources are shared out between the cores.
    /// </summary>
    /// <param name="claims">The claims.</param>
    /// <param name="sources">Sources indexed by this checker.</param>
    /// <param name="cancellationToken">Stops the run.</param>
    /// <exception cref="ClaimCheckerLimitException">A claim is longer than <see cref="ClaimCheckerLimits.MaxClaimLength"/>, or the set holds more than <see cref="ClaimCheckerLimits.MaxSources"/> sources.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public IReadOnlyList<ClaimResult> CheckAll(IReadOnlyList<string> claims, SourceSet sources, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(claims);
        ArgumentNullException.ThrowIfNull(sources);
        // Every argument is checked before the parallel run, so a bad one is its own exception (not an
        // AggregateException) and no claim is checked when any is refused.
        if (!ReferenceEquals(sources.Owner, _model))
        {
            throw new ArgumentException("These sources were indexed by a checker with another model; index them with this checker.", nameof(sources));
        }
        for (int i = 0; i < claims.Count; i++)
        {
            string? claim = claims[i] ?? throw new ArgumentNullException(nameof(claims), $"Claim {i} is null.");
            _limits.CheckClaim(claim, nameof(claims), $"Claim {i}");
        }
        CheckLimits(string.Empty, sources);
        var results = new ClaimResult[claims.Count];
        var options = new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount };
        if (claims.Count >= Environment.ProcessorCount || sources.Count < 2 * SourcesPerWorkItem)
        {
            Parallel.For(0, claims.Count, options, i => results[i] = Check(claims[i], sources));
            return results;
        }

        for (int c = 0; c < claims.Count; c++)
        {
            string claim = claims[c];
            IndexedClaim indexedClaim = IndexedClaim.Create(claim, _model.Weights); // read by every core
            var assessments = new SourceAssessment[sources.Count];
            int items = (sources.Count + SourcesPerWorkItem - 1) / SourcesPerWorkItem;
            Parallel.For(0, items, options, item =>
            {
                int from = item * SourcesPerWorkItem, to = Math.Min(sources.Count, (item + 1) * SourcesPerWorkItem);
                if (_judge is null)
                {
                    Assess(indexedClaim, sources.Sources, assessments, from, to);
                }
                else
                {
                    AssessJudged(claim, indexedClaim, sources.Sources, assessments, from, to);
                }
            });
            results[c] = Decide(claim, assessments);
        }
        return results;
    }

    private void CheckLimits(string claim, SourceSet sources)
    {
        _limits.CheckClaim(claim, nameof(claim));
        _limits.CheckSourceCount(sources.Count, exact: true, nameof(sources));
    }

    private static EntailmentJudge LoadEmbeddedJudge()
    {
        using Stream? stream = typeof(ClaimChecker).Assembly.GetManifestResourceStream(EmbeddedJudgeName);
        if (stream is null)
        {
            throw new ClaimMlModelException($"This build of ClaimMl has no embedded judge model ('{EmbeddedJudgeName}'); build it with models/judge.zip present, load one with WithJudge, or use ClaimCheckingMode.LexicalOnly.");
        }
        return JudgeModelFile.Load(stream, JudgeModelFile.EmbeddedDescription);
    }

    private static StanceModel LoadEmbedded()
    {
        using Stream? stream = typeof(ClaimChecker).Assembly.GetManifestResourceStream(EmbeddedModelName);
        if (stream is null)
        {
            throw new ClaimMlModelException($"This build of ClaimMl has no embedded model ('{EmbeddedModelName}'); build it with models/stance.zip present, or load a model file with ClaimChecker.Load.");
        }
        return ModelFile.Load(stream, "embedded default model");
    }
}
