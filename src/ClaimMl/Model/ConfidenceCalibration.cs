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

    public float Apply(float confidence)
    {
        double c = Math.Clamp(confidence, 1e-6, 1 - 1e-6);
        double z = A * Math.Log(c / (1 - c)) + B;
        return (float)(1 / (1 + Math.Exp(-z)));
    }

    /// <summary>Fits A and B by Newton's method on the log-likelihood of being right, each example weighted.</summary>
    public static ConfidenceCalibration Fit(IReadOnlyList<(float Confidence, bool Correct, double Weight)> examples)
    {
        double a = 1, b = 0;
        for (int iteration = 0; iteration < 50; iteration++)
        {
            double ga = 0, gb = 0, haa = 1e-9, hab = 0, hbb = 1e-9;
            foreach (var (confidence, correct, weight) in examples)
            {
                double c = Math.Clamp(confidence, 1e-6, 1 - 1e-6);
                double x = Math.Log(c / (1 - c));
                double p = 1 / (1 + Math.Exp(-(a * x + b)));
                double y = correct ? 1 : 0;
                ga += weight * (p - y) * x;
                gb += weight * (p - y);
                double w = weight * p * (1 - p);
                haa += w * x * x;
                hab += w * x;
                hbb += w;
            }
            double det = haa * hbb - hab * hab;
            if (Math.Abs(det) < 1e-12)
            {
                break;
            }
            double da = (hbb * ga - hab * gb) / det;
            double db = (haa * gb - hab * ga) / det;
            a -= da;
            b -= db;
            if (Math.Abs(da) + Math.Abs(db) < 1e-8)
            {
                break;
            }
        }
        return new ConfidenceCalibration { A = a, B = b };
    }
}
