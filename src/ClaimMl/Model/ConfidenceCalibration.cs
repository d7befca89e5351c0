using System.Text.Json.Serialization;

namespace ClaimMl.Model;

/// <summary>
/// Platt scaling of the verdict confidence: <c>σ(A · logit(c) + B)</c>, fitted on out-of-fold
/// predictions of the training sets so that a confidence of 0.8 is right about 80% of the time.
/// Stored in the model; a model without it reports the uncalibrated confidence.
/// </summary>
internal sealed record ConfidenceCalibration
{
    [JsonPropertyName("a")] public double A { get; init; } = 1;
    [JsonPropertyName("b")] public double B { get; init; }

    public float Apply(float confidence) => (float)Sigmoid(A * Logit(confidence) + B);

    /// <summary>
    /// Fits A and B by damped Newton steps (halved until the loss falls) on the weighted log-loss of
    /// being right, with a small ridge towards the identity (A = 1, B = 0) so that the fit is defined
    /// even when all confidences are equal.
    /// </summary>
    public static ConfidenceCalibration Fit(IReadOnlyList<(float Confidence, bool Correct, double Weight)> examples)
    {
        double totalWeight = 0;
        foreach (var (_, _, weight) in examples)
        {
            totalWeight += weight;
        }
        double ridge = 1e-3 * Math.Max(totalWeight, 1e-9);
        double a = 1, b = 0;
        double loss = Loss(examples, a, b, ridge);
        for (int iteration = 0; iteration < 100; iteration++)
        {
            double ga = 2 * ridge * (a - 1), gb = 2 * ridge * b, haa = 2 * ridge, hab = 0, hbb = 2 * ridge;
            foreach (var (confidence, correct, weight) in examples)
            {
                double x = Logit(confidence);
                double p = Sigmoid(a * x + b);
                double y = correct ? 1 : 0;
                ga += weight * (p - y) * x;
                gb += weight * (p - y);
                double w = weight * p * (1 - p);
                haa += w * x * x;
                hab += w * x;
                hbb += w;
            }
            double det = haa * hbb - hab * hab;
            double da = (hbb * ga - hab * gb) / det;
            double db = (haa * gb - hab * ga) / det;
            double step = 1;
            double next = Loss(examples, a - da, b - db, ridge);
            while (next > loss && step > 1e-6)
            {
                step /= 2;
                next = Loss(examples, a - step * da, b - step * db, ridge);
            }
            if (next > loss)
            {
                break;
            }
            a -= step * da;
            b -= step * db;
            bool converged = loss - next < 1e-10 * Math.Max(1, loss);
            loss = next;
            if (converged)
            {
                break;
            }
        }
        return new ConfidenceCalibration { A = a, B = b };
    }

    private static double Loss(IReadOnlyList<(float Confidence, bool Correct, double Weight)> examples, double a, double b, double ridge)
    {
        double loss = ridge * ((a - 1) * (a - 1) + b * b);
        foreach (var (confidence, correct, weight) in examples)
        {
            double z = a * Logit(confidence) + b;
            // log(1 + e^-z) for a right answer, log(1 + e^z) for a wrong one, computed stably
            double t = correct ? -z : z;
            loss += weight * (t > 0 ? t + Math.Log(1 + Math.Exp(-t)) : Math.Log(1 + Math.Exp(t)));
        }
        return loss;
    }

    private static double Logit(float confidence)
    {
        double c = Math.Clamp(confidence, 1e-6, 1 - 1e-6);
        return Math.Log(c / (1 - c));
    }

    private static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));
}
