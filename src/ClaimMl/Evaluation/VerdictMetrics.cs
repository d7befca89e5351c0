namespace ClaimMl.Evaluation;

/// <summary>
/// Claim-level figures: accuracy, macro-F1 and per-class F1 over the labels present, balanced
/// accuracy, the majority-class baseline, and the expected calibration error of the confidence.
/// Generic over the label (verdicts, or stances for per-source scoring).
/// </summary>
internal sealed class VerdictMetrics
{
    public VerdictMetrics(string[] labels, IReadOnlyList<int> gold, IReadOnlyList<int> predicted, IReadOnlyList<float> confidence)
    {
        Labels = labels;
        _gold = gold.ToArray();
        _predicted = predicted.ToArray();
        int k = labels.Length;
        Confusion = new int[k, k];
        for (int i = 0; i < gold.Count; i++)
        {
            Confusion[gold[i], predicted[i]]++;
        }
        Count = gold.Count;
        F1 = new double[k];
        Recall = new double[k];
        Support = new int[k];
        int correct = 0;
        for (int c = 0; c < k; c++)
        {
            int predictedC = 0, goldC = 0;
            for (int j = 0; j < k; j++)
            {
                predictedC += Confusion[j, c];
                goldC += Confusion[c, j];
            }
            correct += Confusion[c, c];
            Support[c] = goldC;
            double precision = predictedC == 0 ? 0 : (double)Confusion[c, c] / predictedC;
            Recall[c] = goldC == 0 ? 0 : (double)Confusion[c, c] / goldC;
            F1[c] = precision + Recall[c] == 0 ? 0 : 2 * precision * Recall[c] / (precision + Recall[c]);
        }
        Accuracy = Count == 0 ? 0 : (double)correct / Count;
        var present = Enumerable.Range(0, k).Where(c => Support[c] > 0).ToArray();
        MacroF1 = present.Length == 0 ? 0 : present.Average(c => F1[c]);
        BalancedAccuracy = present.Length == 0 ? 0 : present.Average(c => Recall[c]);
        MajorityAccuracy = Count == 0 ? 0 : (double)Support.Max() / Count;
        int majority = Array.IndexOf(Support, Support.Max());
        MajorityMacroF1 = present.Length == 0 ? 0 : 2.0 * MajorityAccuracy / (1 + MajorityAccuracy) / present.Length;
        MajorityLabel = labels[majority];
        ExpectedCalibrationError = Ece(gold, predicted, confidence, 10, out Reliability);
    }

    private readonly int[] _gold;
    private readonly int[] _predicted;

    public string[] Labels { get; }
    public int Count { get; }
    public int[,] Confusion { get; }
    public double[] F1 { get; }
    public double[] Recall { get; }
    public int[] Support { get; }
    public double Accuracy { get; }
    public double MacroF1 { get; }
    public double BalancedAccuracy { get; }
    public double MajorityAccuracy { get; }

    /// <summary>Macro-F1 of always answering the majority label (over the labels present).</summary>
    public double MajorityMacroF1 { get; }
    public string MajorityLabel { get; }

    /// <summary>Expected calibration error of the confidence over 10 equal-width bins.</summary>
    public double ExpectedCalibrationError { get; }

    /// <summary>Per confidence bin: count, mean confidence, accuracy.</summary>
    public readonly (int Count, double Confidence, double Accuracy)[] Reliability;

    /// <summary>
    /// A bootstrap interval of <see cref="MacroF1"/>: its 5th and 95th percentiles over <paramref name="resamples"/>
    /// resamples of the scored items (claims, or pairs) with replacement, seeded, so that the same figures give the same
    /// interval. It says how much a figure on this many items can tell: two models whose figures differ by much less
    /// than its width are not told apart by this set.
    /// </summary>
    public (double Low, double High) MacroF1Interval(int resamples = 1000, int seed = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(resamples, 2);
        int n = _gold.Length, k = Labels.Length;
        if (n == 0)
        {
            return (0, 0);
        }
        var random = new Random(seed);
        var values = new double[resamples];
        var tp = new int[k];
        var goldCount = new int[k];
        var predictedCount = new int[k];
        for (int r = 0; r < resamples; r++)
        {
            Array.Clear(tp);
            Array.Clear(goldCount);
            Array.Clear(predictedCount);
            for (int i = 0; i < n; i++)
            {
                int j = random.Next(n);
                goldCount[_gold[j]]++;
                predictedCount[_predicted[j]]++;
                if (_gold[j] == _predicted[j])
                {
                    tp[_gold[j]]++;
                }
            }
            double sum = 0;
            int present = 0;
            for (int c = 0; c < k; c++)
            {
                if (goldCount[c] > 0)
                {
                    sum += 2.0 * tp[c] / (goldCount[c] + predictedCount[c]);
                    present++;
                }
            }
            values[r] = sum / present;
        }
        Array.Sort(values);
        return (values[(int)Math.Floor(0.05 * (resamples - 1))], values[(int)Math.Ceiling(0.95 * (resamples - 1))]);
    }

    private static double Ece(IReadOnlyList<int> gold, IReadOnlyList<int> predicted, IReadOnlyList<float> confidence, int bins,
        out (int, double, double)[] reliability)
    {
        var count = new int[bins];
        var conf = new double[bins];
        var hit = new double[bins];
        for (int i = 0; i < gold.Count; i++)
        {
            int b = Math.Min(bins - 1, (int)(Math.Clamp(confidence[i], 0f, 1f) * bins));
            count[b]++;
            conf[b] += confidence[i];
            hit[b] += gold[i] == predicted[i] ? 1 : 0;
        }
        reliability = new (int, double, double)[bins];
        double ece = 0;
        for (int b = 0; b < bins; b++)
        {
            if (count[b] == 0)
            {
                continue;
            }
            reliability[b] = (count[b], conf[b] / count[b], hit[b] / count[b]);
            ece += (double)count[b] / Math.Max(1, gold.Count) * Math.Abs(conf[b] / count[b] - hit[b] / count[b]);
        }
        return ece;
    }
}
