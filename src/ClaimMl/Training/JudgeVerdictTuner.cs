using ClaimMl.DataFormats.ClaimSets;
using ClaimMl.Entailment;
using ClaimMl.Evaluation;
using ClaimMl.Indexing;
using ClaimMl.Model;

namespace ClaimMl.Training;

/// <summary>A dev claim as the tuner sees it: its gold verdict, and what the checker read in each source (every related source read).</summary>
/// <param name="Part">The part it is scored in (the folder given).</param>
/// <param name="Gold">Its gold verdict.</param>
/// <param name="Sources">What the checker read in each of its sources.</param>
internal sealed record TunedClaim(string Part, Verdict Gold, SourceReading[] Sources)
{
    /// <summary>The event (claim set) it belongs to; claims of one event share their sources, and are held out together.</summary>
    public string Event { get; init; } = Part;
}

/// <summary>One fold of <see cref="JudgeVerdictTuner.CrossValidate"/>: the event held out, the settings chosen without it, and its claims' macro-F1 under them.</summary>
internal sealed record TuningFold(string Event, JudgeVerdictSettings Settings, int Claims, double MacroF1);

/// <summary>
/// Chooses the judged mode's verdict settings (<see cref="JudgeVerdictSettings"/>) on dev data only: labeled claims
/// (the <c>evaluate --labeled</c> layout, e.g. <c>data/dev</c>), each folder scored by claim-level macro-F1, and,
/// optionally, the judge's own dev pairs scored by pair-level macro-F1 as one more part. Every source with words is
/// read once (no gate, every passage, and the window when it is to be chosen), then the window (off first), the passages read per source, the
/// thresholds and the gate are searched on a grid without running the judge again; the best mean over the parts wins
/// (ties: the grid's first: no window, most passages, thresholds nearest 0.5 first). The confidence is then
/// Platt-scaled on the dev claims with the chosen settings.
/// </summary>
internal static class JudgeVerdictTuner
{
    /// <summary>Thresholds tried for entails and contradicts.</summary>
    public static readonly float[] Thresholds = [0.5f, 0.45f, 0.55f, 0.4f, 0.6f, 0.35f, 0.65f, 0.3f, 0.7f, 0.75f, 0.8f, 0.85f, 0.9f, 0.95f, 0.97f, 0.98f, 0.99f];

    /// <summary>Passages read per source tried with <c>--tune-passages</c> (the readings are best-aligned first, so fewer is a prefix of what was read).</summary>
    public static readonly int[] PassageCounts = [PassageSelector.DefaultPassages, 2, 1, 4, PassageSelector.MaxPassages];

    /// <summary>
    /// Window settings tried with <c>--tune-window</c>: without, then with, then with for entailment only (so each is
    /// chosen only when it does better than the ones before it).
    /// </summary>
    public static readonly WindowReading[] WindowChoices = [WindowReading.None, WindowReading.Full, WindowReading.EntailmentOnly];

    /// <summary>
    /// Refute margins tried with <c>--tune-margin</c>: none first (a contradicting passage need only contradict more than
    /// it entails, so a margin is chosen only when it does better), then margins over the source's highest entailment.
    /// </summary>
    public static readonly float?[] RefuteMargins = [null, 0f, 0.1f, 0.2f, 0.3f, 0.4f, 0.5f];

    /// <summary>Gates tried (a source is read when its lexical probability of being unrelated is below it; above 1: always).</summary>
    public static readonly float[] Gates = [0.9f, 0.95f, 0.8f, 0.7f, 0.5f, JudgeVerdictSettings.MaxRelatedGate];

    /// <summary>Reads every case of <paramref name="sets"/> with <paramref name="checker"/>'s judge, every source with words.</summary>
    /// <param name="checker">The checker with the judge.</param>
    /// <param name="sets">The labeled claim sets (one per event).</param>
    /// <param name="partOf">The part each set is scored in; its own name when <see langword="null"/>.</param>
    /// <param name="window">Also read each source's window (<see cref="PassageSelector.Select"/>), for choosing whether to read it.</param>
    /// <param name="maxPassages">How many best-aligned sentences of each source to read (fewer can be chosen later: they are a prefix).</param>
    /// <param name="contradiction">How sentences' contradictions are read (<see cref="JudgeVerdictSettings.ContradictionReading"/>); the checker's own setting when <see langword="null"/>.</param>
    /// <param name="cancellation">Cancels the reading.</param>
    public static List<TunedClaim> Read(ClaimChecker checker, IReadOnlyList<ClaimSet> sets, Func<ClaimSet, string>? partOf = null, bool window = false, int maxPassages = PassageSelector.DefaultPassages, ContradictionReading? contradiction = null, CancellationToken cancellation = default)
    {
        checker = checker.WithLimits(ClaimCheckerLimits.Unlimited);
        var claims = new List<TunedClaim>();
        foreach (ClaimSet set in sets)
        {
            var indexed = new Dictionary<object, SourceSet>(ReferenceEqualityComparer.Instance);
            var read = new TunedClaim?[set.Cases.Count];
            Parallel.For(0, set.Cases.Count, new ParallelOptions { CancellationToken = cancellation }, i =>
            {
                ClaimCase c = set.Cases[i];
                if (c.Gold is null)
                {
                    return;
                }
                SourceSet sources;
                lock (indexed)
                {
                    if (!indexed.TryGetValue(c.Sources, out sources!))
                    {
                        indexed[c.Sources] = sources = checker.Index(c.Sources.Select((text, j) => new Source($"#{j}", text)));
                    }
                }
                IndexedClaim claim = IndexedClaim.Create(c.Claim, checker.Model.Weights);
                read[i] = new TunedClaim(partOf?.Invoke(set) ?? set.Name, c.Gold.Value, checker.Read(c.Claim, claim, sources.Sources, 0, sources.Count, gate: float.PositiveInfinity, maxPassages: maxPassages, window: window, contradiction: contradiction)) { Event = set.Name };
            });
            claims.AddRange(read.Where(r => r is not null)!);
        }
        return claims;
    }

    /// <summary>The settings with the best mean macro-F1 over the claim parts and (when given) the dev pairs.</summary>
    /// <param name="claims">The dev claims, read.</param>
    /// <param name="pairs">The judge's dev pairs, or none.</param>
    /// <param name="passageCounts">The passages read per source to try (default: <see cref="PassageSelector.DefaultPassages"/> only).</param>
    /// <param name="windows">Whether to read the window, the choices to try (default: without only; <see cref="WindowChoices"/> to choose).</param>
    /// <param name="margins">The refute margins to try (default: none only; <see cref="RefuteMargins"/> to choose).</param>
    public static (JudgeVerdictSettings Settings, double Objective, IReadOnlyDictionary<string, double> Parts) Tune(
        IReadOnlyList<TunedClaim> claims, IReadOnlyList<(EntailmentProbabilities Probabilities, EntailmentLabel Gold)>? pairs = null, IReadOnlyList<int>? passageCounts = null, IReadOnlyList<WindowReading>? windows = null, IReadOnlyList<float?>? margins = null)
    {
        ArgumentNullException.ThrowIfNull(claims);
        var search = new GridSearch(claims, pairs, heldOutEvents: []);
        var (best, objective) = search.Run(Grid(passageCounts ?? [PassageSelector.DefaultPassages], windows ?? [WindowReading.None], margins ?? [null]))[0];
        return (WithCalibration(claims, best), objective, Score(claims, pairs, best));
    }

    /// <summary>The settings <see cref="Tune"/> tries, in the order that breaks ties: window, margin, passages, gate, entails, contradicts.</summary>
    private static IEnumerable<JudgeVerdictSettings> Grid(IReadOnlyList<int> passageCounts, IReadOnlyList<WindowReading> windows, IReadOnlyList<float?> margins)
    {
        foreach (WindowReading window in windows)
        {
            foreach (float? margin in margins)
            {
                foreach (int passages in passageCounts)
                {
                    foreach (float gate in Gates)
                    {
                        foreach (float entails in Thresholds)
                        {
                            foreach (float contradicts in Thresholds)
                            {
                                yield return new JudgeVerdictSettings { Entails = entails, Contradicts = contradicts, RelatedGate = gate, Passages = passages, Window = window != WindowReading.None, WindowEntailsOnly = window == WindowReading.EntailmentOnly, RefuteMargin = margin };
                            }
                        }
                    }
                }
            }
        }
    }

    /// <summary>
    /// How well the tuning carries over to claims it did not see: each event in turn is held out, the settings are
    /// chosen (as <see cref="Tune"/> chooses them) on the other events' claims and the pairs, and the held-out event's
    /// claims are decided with them; the macro-F1 of all claims so decided, pooled, is the figure. An event's claims
    /// share their sources, so holding out single claims would leak. Every setting of the grid is scored once, event
    /// by event, and each fold's objective is worked out from those counts (the same choice as tuning again without
    /// the event, at a fraction of the cost).
    /// </summary>
    /// <returns>The pooled macro-F1 of the held-out decisions, and each fold.</returns>
    public static (double MacroF1, List<TuningFold> Folds) CrossValidate(
        IReadOnlyList<TunedClaim> claims, IReadOnlyList<(EntailmentProbabilities Probabilities, EntailmentLabel Gold)>? pairs = null, IReadOnlyList<int>? passageCounts = null, IReadOnlyList<WindowReading>? windows = null, IReadOnlyList<float?>? margins = null)
    {
        ArgumentNullException.ThrowIfNull(claims);
        var events = new List<string>();
        foreach (TunedClaim claim in claims)
        {
            if (!events.Contains(claim.Event, StringComparer.Ordinal))
            {
                events.Add(claim.Event);
            }
        }
        if (events.Count < 2)
        {
            throw new ArgumentException($"Cross-validation needs claims of two events or more; these are of {events.Count}.", nameof(claims));
        }
        var search = new GridSearch(claims, pairs, events);
        var chosen = search.Run(Grid(passageCounts ?? [PassageSelector.DefaultPassages], windows ?? [WindowReading.None], margins ?? [null]));
        var gold = new List<int>(claims.Count);
        var predicted = new List<int>(claims.Count);
        var folds = new List<TuningFold>(events.Count);
        for (int e = 0; e < events.Count; e++)
        {
            JudgeVerdictSettings settings = chosen[e + 1].Settings;
            var foldGold = new List<int>();
            var foldPredicted = new List<int>();
            foreach (TunedClaim claim in claims)
            {
                if (string.Equals(claim.Event, events[e], StringComparison.Ordinal))
                {
                    foldGold.Add((int)claim.Gold);
                    foldPredicted.Add((int)Decide(claim, settings).Verdict);
                }
            }
            gold.AddRange(foldGold);
            predicted.AddRange(foldPredicted);
            folds.Add(new TuningFold(events[e], settings, foldGold.Count, MacroF1(foldGold, foldPredicted, 3)));
        }
        return (MacroF1(gold, predicted, 3), folds);
    }

    /// <summary>
    /// Scores every setting of a grid over the dev claims once, keeping each claim part's and each event's confusion
    /// counts, and picks the best setting with no event held out and with each given event held out in turn: the
    /// objective is the mean macro-F1 over the parts (an event held out is taken from its part's counts; a part left
    /// with no claim drops out) and the dev pairs. Ties go to the grid's first, as when tuning on the claims kept.
    /// Settings are scored in parallel, a block at a time, and chosen in grid order.
    /// </summary>
    private sealed class GridSearch
    {
        private const int Block = 256;
        private readonly IReadOnlyList<TunedClaim> _claims;
        private readonly IReadOnlyList<(EntailmentProbabilities Probabilities, EntailmentLabel Gold)>? _pairs;
        private readonly int[] _eventOfClaim;
        private readonly int[] _partOfEvent;
        private readonly int _events;
        private readonly int _parts;
        /// <summary>For each held-out event, the parts it lies in and its (part, event) groups in each.</summary>
        private readonly (int Part, List<int> Groups)[][] _heldOut;
        private readonly Dictionary<(float, float, float?), double> _pairScores = new();

        public GridSearch(IReadOnlyList<TunedClaim> claims, IReadOnlyList<(EntailmentProbabilities Probabilities, EntailmentLabel Gold)>? pairs, IReadOnlyList<string> heldOutEvents)
        {
            _claims = claims;
            _pairs = pairs is { Count: > 0 } ? pairs : null;
            var eventIndex = new Dictionary<(string Part, string Event), int>();
            var partIndex = new Dictionary<string, int>(StringComparer.Ordinal);
            var partOfEvent = new List<int>();
            _eventOfClaim = new int[claims.Count];
            for (int i = 0; i < claims.Count; i++)
            {
                if (!partIndex.TryGetValue(claims[i].Part, out int part))
                {
                    partIndex[claims[i].Part] = part = partIndex.Count;
                }
                if (!eventIndex.TryGetValue((claims[i].Part, claims[i].Event), out int e))
                {
                    eventIndex[(claims[i].Part, claims[i].Event)] = e = eventIndex.Count;
                    partOfEvent.Add(part);
                }
                _eventOfClaim[i] = e;
            }
            _events = eventIndex.Count;
            _parts = partIndex.Count;
            _partOfEvent = partOfEvent.ToArray();
            // An event held out is every (part, event) group of that name: an event's claims may span parts.
            _heldOut = new (int, List<int>)[heldOutEvents.Count][];
            for (int h = 0; h < heldOutEvents.Count; h++)
            {
                var byPart = new List<(int Part, List<int> Groups)>();
                foreach (var ((_, name), e) in eventIndex)
                {
                    if (string.Equals(name, heldOutEvents[h], StringComparison.Ordinal))
                    {
                        int at = byPart.FindIndex(g => g.Part == _partOfEvent[e]);
                        if (at < 0)
                        {
                            byPart.Add((_partOfEvent[e], [e]));
                        }
                        else
                        {
                            byPart[at].Groups.Add(e);
                        }
                    }
                }
                _heldOut[h] = byPart.ToArray();
            }
        }

        /// <summary>The best setting and its objective: first with no event held out, then for each held-out event in order.</summary>
        public (JudgeVerdictSettings Settings, double Objective)[] Run(IEnumerable<JudgeVerdictSettings> grid)
        {
            int choices = 1 + _heldOut.Length;
            var best = new (JudgeVerdictSettings Settings, double Objective)[choices];
            for (int c = 0; c < choices; c++)
            {
                best[c] = (JudgeVerdictSettings.Default, double.NegativeInfinity);
            }
            var block = new List<JudgeVerdictSettings>(Block);
            var objectives = new double[Block * choices];
            foreach (JudgeVerdictSettings settings in grid)
            {
                block.Add(settings);
                if (block.Count == Block)
                {
                    Choose(block, objectives, best);
                    block.Clear();
                }
            }
            if (block.Count > 0)
            {
                Choose(block, objectives, best);
            }
            if (double.IsNegativeInfinity(best[0].Objective))
            {
                throw new ArgumentException("The grid has no setting to try.", nameof(grid));
            }
            return best;
        }

        private void Choose(List<JudgeVerdictSettings> block, double[] objectives, (JudgeVerdictSettings Settings, double Objective)[] best)
        {
            int choices = best.Length;
            double[] pairScores = new double[block.Count];
            for (int k = 0; k < block.Count; k++)
            {
                pairScores[k] = PairScore(block[k]);
            }
            Parallel.For(0, block.Count, k => Objectives(block[k], pairScores[k], objectives.AsSpan(k * choices, choices)));
            for (int k = 0; k < block.Count; k++)
            {
                for (int c = 0; c < choices; c++)
                {
                    double objective = objectives[k * choices + c];
                    if (objective > best[c].Objective + 1e-9)
                    {
                        best[c] = (block[k], objective);
                    }
                }
            }
        }

        /// <summary>The pairs' macro-F1 under the thresholds and margin of <paramref name="settings"/> (the only settings a lone pair depends on); NaN without pairs.</summary>
        private double PairScore(JudgeVerdictSettings settings)
        {
            if (_pairs is null)
            {
                return double.NaN;
            }
            var key = (settings.Entails, settings.Contradicts, settings.RefuteMargin);
            if (!_pairScores.TryGetValue(key, out double score))
            {
                _pairScores[key] = score = Score([], _pairs, settings)["judge dev pairs"];
            }
            return score;
        }

        /// <summary>Writes the objective of <paramref name="settings"/> with no event held out, then with each held-out event out.</summary>
        private void Objectives(JudgeVerdictSettings settings, double pairScore, Span<double> objectives)
        {
            // counts[group * 9 + gold * 3 + predicted]
            var counts = new int[_events * 9];
            for (int i = 0; i < _claims.Count; i++)
            {
                counts[_eventOfClaim[i] * 9 + (int)_claims[i].Gold * 3 + (int)VerdictOf(_claims[i], settings)] += 1;
            }
            var partCounts = new int[_parts * 9];
            for (int e = 0; e < _events; e++)
            {
                for (int j = 0; j < 9; j++)
                {
                    partCounts[_partOfEvent[e] * 9 + j] += counts[e * 9 + j];
                }
            }
            var partScores = new double[_parts];
            double sum = 0;
            for (int p = 0; p < _parts; p++)
            {
                partScores[p] = MacroF1(partCounts.AsSpan(p * 9, 9));
                sum += partScores[p];
            }
            int scored = _parts;
            if (_pairs is not null)
            {
                sum += pairScore;
                scored++;
            }
            objectives[0] = sum / scored;
            Span<int> reduced = stackalloc int[9];
            for (int h = 0; h < _heldOut.Length; h++)
            {
                double foldSum = sum;
                int foldScored = scored;
                // The held-out event's groups, part by part (an event usually lies in one part).
                foreach (var (p, groups) in _heldOut[h])
                {
                    partCounts.AsSpan(p * 9, 9).CopyTo(reduced);
                    foreach (int e in groups)
                    {
                        for (int j = 0; j < 9; j++)
                        {
                            reduced[j] -= counts[e * 9 + j];
                        }
                    }
                    foldSum -= partScores[p];
                    int left = 0;
                    foreach (int n in reduced)
                    {
                        left += n;
                    }
                    if (left > 0)
                    {
                        foldSum += MacroF1(reduced);
                    }
                    else
                    {
                        foldScored--;
                    }
                }
                objectives[1 + h] = foldScored == 0 ? double.NegativeInfinity : foldSum / foldScored;
            }
        }
    }

    /// <summary>Macro-F1 from a 3×3 confusion (gold-major), over the labels present in gold (as <see cref="MacroF1(IReadOnlyList{int}, IReadOnlyList{int}, int)"/>).</summary>
    private static double MacroF1(ReadOnlySpan<int> counts)
    {
        double sum = 0;
        int present = 0;
        for (int c = 0; c < 3; c++)
        {
            int goldC = counts[c * 3] + counts[c * 3 + 1] + counts[c * 3 + 2];
            int predictedC = counts[c] + counts[3 + c] + counts[6 + c];
            if (goldC > 0)
            {
                sum += 2.0 * counts[c * 3 + c] / (goldC + predictedC);
                present++;
            }
        }
        return present == 0 ? 0 : sum / present;
    }

    /// <summary>The verdict of a read claim under <paramref name="settings"/>, as <see cref="Decide"/> gives it, without its confidence.</summary>
    private static Verdict VerdictOf(TunedClaim claim, JudgeVerdictSettings settings)
    {
        Span<Stance> stances = claim.Sources.Length <= 64 ? stackalloc Stance[claim.Sources.Length] : new Stance[claim.Sources.Length];
        for (int s = 0; s < claim.Sources.Length; s++)
        {
            stances[s] = StanceOf(claim.Sources[s], settings).Stance;
        }
        return VerdictRule.Decide((ReadOnlySpan<Stance>)stances);
    }

    /// <summary>Macro-F1 of each claim part and of the pairs under <paramref name="settings"/>.</summary>
    public static Dictionary<string, double> Score(IReadOnlyList<TunedClaim> claims, IReadOnlyList<(EntailmentProbabilities Probabilities, EntailmentLabel Gold)>? pairs, JudgeVerdictSettings settings)
    {
        var parts = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var part in claims.GroupBy(c => c.Part))
        {
            var gold = new List<int>();
            var predicted = new List<int>();
            foreach (TunedClaim claim in part)
            {
                gold.Add((int)claim.Gold);
                predicted.Add((int)Decide(claim, settings).Verdict);
            }
            parts[part.Key] = MacroF1(gold, predicted, 3);
        }
        if (pairs is { Count: > 0 })
        {
            var gold = new List<int>();
            var predicted = new List<int>();
            foreach (var (p, label) in pairs)
            {
                var (stance, _, _) = JudgedStance.Decide(new StanceProbabilities(0, 0, 1, 0), new[] { p }, settings);
                gold.Add((int)label);
                predicted.Add((int)(stance switch { Stance.Supports => EntailmentLabel.Entails, Stance.Refutes => EntailmentLabel.Contradicts, _ => EntailmentLabel.Neither }));
            }
            parts["judge dev pairs"] = MacroF1(gold, predicted, 3);
        }
        return parts;
    }

    /// <summary>The verdict and its raw confidence for a read claim under <paramref name="settings"/>.</summary>
    public static (Verdict Verdict, float Confidence) Decide(TunedClaim claim, JudgeVerdictSettings settings)
    {
        var stances = new Stance[claim.Sources.Length];
        var probabilities = new StanceProbabilities[claim.Sources.Length];
        for (int s = 0; s < claim.Sources.Length; s++)
        {
            (stances[s], probabilities[s], _) = StanceOf(claim.Sources[s], settings);
        }
        Verdict verdict = VerdictRule.Decide((ReadOnlySpan<Stance>)stances);
        return (verdict, VerdictRule.ConfidenceOf(verdict, probabilities));
    }

    /// <summary>A read source's stance under <paramref name="settings"/>: nothing read past the gate, else the readings the settings read (<see cref="Readings"/>).</summary>
    private static (Stance Stance, StanceProbabilities Probabilities, int Deciding) StanceOf(SourceReading source, JudgeVerdictSettings settings)
    {
        ReadOnlyMemory<EntailmentProbabilities> read = source.Lexical.Unrelated >= settings.RelatedGate
            ? ReadOnlyMemory<EntailmentProbabilities>.Empty
            : Readings(source, settings);
        return JudgedStance.Decide(source.Lexical, read, settings, settings.Window && source.EndsWithWindow);
    }

    /// <summary>
    /// The readings of <paramref name="source"/> that <paramref name="settings"/> read: the first
    /// <see cref="JudgeVerdictSettings.Passages"/> sentences, and the window when the settings read it and it was read.
    /// </summary>
    internal static ReadOnlyMemory<EntailmentProbabilities> Readings(SourceReading source, JudgeVerdictSettings settings)
    {
        ReadOnlyMemory<EntailmentProbabilities> all = source.Probabilities;
        int sentences = source.EndsWithWindow ? all.Length - 1 : all.Length;
        int take = Math.Min(settings.Passages, sentences);
        if (!settings.Window || !source.EndsWithWindow)
        {
            return all[..take];
        }
        if (take == sentences)
        {
            return all;
        }
        var chosen = new EntailmentProbabilities[take + 1];
        all.Span[..take].CopyTo(chosen);
        chosen[take] = all.Span[^1];
        return chosen;
    }

    /// <summary>Fewest dev claims given a verdict for that verdict to get a calibration of its own.</summary>
    internal const int MinClaimsPerVerdict = 10;

    /// <summary>
    /// <paramref name="settings"/> with the verdict confidence calibrated on the dev claims: one calibration over all
    /// claims (<see cref="JudgeVerdictSettings.Calibration"/>), and one per verdict over the claims given it
    /// (<see cref="JudgeVerdictSettings.CalibrationByVerdict"/>) for each verdict given to at least
    /// <see cref="MinClaimsPerVerdict"/> claims, so that a verdict that is more often right reports more confidence.
    /// </summary>
    internal static JudgeVerdictSettings WithCalibration(IReadOnlyList<TunedClaim> claims, JudgeVerdictSettings settings)
    {
        var decided = new List<(Verdict Verdict, float Confidence, bool Right)>(claims.Count);
        foreach (TunedClaim claim in claims)
        {
            var (verdict, confidence) = Decide(claim, settings);
            decided.Add((verdict, confidence, verdict == claim.Gold));
        }
        var byVerdict = new Dictionary<string, ConfidenceCalibration>(StringComparer.Ordinal);
        foreach (Verdict verdict in Enum.GetValues<Verdict>())
        {
            List<(Verdict Verdict, float Confidence, bool Right)> given = decided.FindAll(d => d.Verdict == verdict);
            if (given.Count >= MinClaimsPerVerdict)
            {
                byVerdict[JudgeVerdictSettings.KeyOf(verdict)] = Calibrate(given);
            }
        }
        return settings with { Calibration = Calibrate(decided), CalibrationByVerdict = byVerdict.Count > 0 ? byVerdict : null };
    }

    /// <summary>
    /// Platt scaling of the verdict confidence on decided claims, kept monotone: when the best fit has a negative slope
    /// (a higher raw confidence less often right, on these claims), the raw confidence carries no usable signal and the
    /// calibration reports the claims' accuracy (smoothed) whatever the raw confidence (slope 0).
    /// </summary>
    private static ConfidenceCalibration Calibrate(List<(Verdict Verdict, float Confidence, bool Right)> decided)
    {
        var examples = new List<(float, bool, double)>(decided.Count);
        int right = 0;
        foreach (var (_, confidence, correct) in decided)
        {
            examples.Add((confidence, correct, 1.0));
            right += correct ? 1 : 0;
        }
        ConfidenceCalibration fit = ConfidenceCalibration.Fit(examples);
        if (fit.A >= 0 || decided.Count == 0)
        {
            return fit;
        }
        double accuracy = Math.Clamp((right + 0.5) / (decided.Count + 1.0), 1e-3, 1 - 1e-3);
        return new ConfidenceCalibration { A = 0, B = Math.Log(accuracy / (1 - accuracy)) };
    }

    /// <summary>Macro-F1 over the labels present in gold.</summary>
    internal static double MacroF1(IReadOnlyList<int> gold, IReadOnlyList<int> predicted, int labels)
    {
        double sum = 0;
        int present = 0;
        for (int c = 0; c < labels; c++)
        {
            int tp = 0, goldC = 0, predictedC = 0;
            for (int i = 0; i < gold.Count; i++)
            {
                goldC += gold[i] == c ? 1 : 0;
                predictedC += predicted[i] == c ? 1 : 0;
                tp += gold[i] == c && predicted[i] == c ? 1 : 0;
            }
            if (goldC > 0)
            {
                sum += 2.0 * tp / (goldC + predictedC);
                present++;
            }
        }
        return present == 0 ? 0 : sum / present;
    }
}
