namespace ClaimMl.Evaluation;

/// <summary>Precision, recall and F1 of one class.</summary>
internal readonly record struct ClassScores(double Precision, double Recall, double F1, int Support);

/// <summary>
/// Stance classification figures: the confusion matrix (rows gold, columns predicted, in
/// <see cref="Stance"/> order), accuracy, per-class and macro F1, and the FNC-1 weighted score.
/// </summary>
internal sealed class StanceMetrics
{
    public static readonly Stance[] Order = [Stance.Supports, Stance.Refutes, Stance.Discusses, Stance.Unrelated];

    public StanceMetrics(IReadOnlyList<Stance> gold, IReadOnlyList<Stance> predicted)
    {
        if (gold.Count != predicted.Count)
        {
            throw new ArgumentException("Gold and predicted stances differ in count.");
        }
        Confusion = new int[4, 4];
        double score = 0, best = 0;
        for (int i = 0; i < gold.Count; i++)
        {
            Stance g = gold[i], p = predicted[i];
            Confusion[(int)g, (int)p]++;
            best += g == Stance.Unrelated ? 0.25 : 1.0;
            if (g == Stance.Unrelated && p == Stance.Unrelated)
            {
                score += 0.25;
            }
            else if (g != Stance.Unrelated && p != Stance.Unrelated)
            {
                score += 0.25;
                if (g == p)
                {
                    score += 0.75;
                }
            }
        }
        Count = gold.Count;
        FncScore = score;
        FncMaxScore = best;
        PerClass = new ClassScores[4];
        int correct = 0;
        for (int c = 0; c < 4; c++)
        {
            correct += Confusion[c, c];
            int predictedC = 0, goldC = 0;
            for (int k = 0; k < 4; k++)
            {
                predictedC += Confusion[k, c];
                goldC += Confusion[c, k];
            }
            double precision = predictedC == 0 ? 0 : (double)Confusion[c, c] / predictedC;
            double recall = goldC == 0 ? 0 : (double)Confusion[c, c] / goldC;
            double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            PerClass[c] = new ClassScores(precision, recall, f1, goldC);
        }
        Accuracy = Count == 0 ? 0 : (double)correct / Count;
        MacroF1 = PerClass.Average(s => s.F1);
    }

    public int Count { get; }
    public int[,] Confusion { get; }
    public ClassScores[] PerClass { get; }
    public double Accuracy { get; }
    public double MacroF1 { get; }
    public double FncScore { get; }
    public double FncMaxScore { get; }

    /// <summary>FNC-1 score as a percentage of a perfect submission's.</summary>
    public double FncRelative => FncMaxScore == 0 ? 0 : 100 * FncScore / FncMaxScore;

    public ClassScores this[Stance stance] => PerClass[(int)stance];
}
