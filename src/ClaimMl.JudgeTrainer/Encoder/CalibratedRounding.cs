using System.Numerics;
using ClaimMl.JudgeTrainer.Training;
using ClaimMl.Training;
using static TorchSharp.torch;

namespace ClaimMl.JudgeTrainer.Encoder;

/// <summary>
/// The second moments of what each weight matrix of a <see cref="CrossEncoder"/>'s transformer layers multiplies:
/// for a weight with <c>in</c> inputs, the <c>in × in</c> sum of <c>xᵀx</c> over every token of the calibration pairs
/// (<see cref="CalibratedRounding"/> rounds the weight so that these inputs see the least change).
/// </summary>
internal static class InputStatistics
{
    /// <summary>
    /// Runs <paramref name="pairs"/> through <paramref name="model"/> (evaluation mode, one pair at a time, so no padding
    /// enters the sums) and returns, by weight name (PyTorch layout, <c>[out, in]</c>), the row-major <c>in × in</c> sum
    /// of the outer products of its inputs, in 64-bit floats.
    /// </summary>
    public static Dictionary<string, double[]> Collect(CrossEncoder model, IReadOnlyList<EncodedPair> pairs, IProgress<TrainingProgress>? progress = null)
    {
        var sums = new Dictionary<string[], Tensor>(ReferenceEqualityComparer.Instance);
        model.eval();
        model.InputObserver = (names, input) =>
        {
            using var scope = NewDisposeScope();
            Tensor x = input.reshape(-1, input.shape[^1]);
            Tensor product = x.t().matmul(x).to_type(ScalarType.Float64);
            if (sums.TryGetValue(names, out Tensor? sum))
            {
                sum.add_(product);
            }
            else
            {
                sums[names] = product.DetachFromDisposeScope();
            }
        };
        try
        {
            using var noGrad = no_grad();
            for (int i = 0; i < pairs.Count; i++)
            {
                using var scope = NewDisposeScope();
                var (ids, mask, types, _) = JudgeFineTuner.Tensors(pairs, [i]);
                model.forward(ids, mask, types);
                progress?.Report(new TrainingProgress("calibration pairs", i + 1, pairs.Count));
            }
        }
        finally
        {
            model.InputObserver = null;
        }
        var result = new Dictionary<string, double[]>(StringComparer.Ordinal);
        foreach (var (names, sum) in sums)
        {
            double[] values = sum.contiguous().data<double>().ToArray();
            sum.Dispose();
            foreach (string name in names)
            {
                result[name] = values;
            }
        }
        return result;
    }
}

/// <summary>
/// Rounds a weight matrix to signed integers one input row at a time, each row's rounding error carried into the rows
/// not yet rounded so that the layer's outputs on the calibration inputs change least (the error feedback of GPTQ,
/// Frantar et al., 2023, at a fixed scale per output column). Rounding each weight to the nearest level on its own
/// (<see cref="JudgeGraphWriter.QuantizeColumnsSymmetric"/>) leaves the layer's output error larger by the correlations
/// of its inputs, which error feedback uses.
/// </summary>
internal static class CalibratedRounding
{
    /// <summary>What is added to the diagonal of the inputs' second moments, as a share of its mean (GPTQ's default).</summary>
    public const double Damping = 0.01;

    /// <summary>
    /// The levels (two's complement bytes, row-major like <paramref name="matrix"/>) of a row-major
    /// <c>[rows = in, columns = out]</c> matrix, each in −<paramref name="levels"/>..<paramref name="levels"/>, and the
    /// per-column scales they are at (those of <see cref="JudgeGraphWriter.QuantizeColumnsSymmetric"/>).
    /// </summary>
    /// <param name="matrix">The weights, <c>[in, out]</c>, row-major.</param>
    /// <param name="rows">Inputs.</param>
    /// <param name="columns">Outputs.</param>
    /// <param name="levels">The largest magnitude of a level.</param>
    /// <param name="secondMoments">The <c>in × in</c> sum of <c>xᵀx</c> over the inputs the matrix multiplies (<see cref="InputStatistics"/>).</param>
    public static (byte[] Values, float[] Scales) Round(float[] matrix, int rows, int columns, int levels, double[] secondMoments)
    {
        if (secondMoments.Length != (long)rows * rows)
        {
            throw new ArgumentException($"The second moments hold {secondMoments.Length} values, not {rows} × {rows}.", nameof(secondMoments));
        }
        float[] scales = JudgeGraphWriter.SymmetricColumnScales(matrix, rows, columns, levels);
        float[] feedback = InverseFactor(secondMoments, rows);
        var w = (float[])matrix.Clone();
        var values = new byte[matrix.Length];
        var error = new float[columns];
        for (int i = 0; i < rows; i++)
        {
            Span<float> row = w.AsSpan(i * columns, columns);
            float pivot = feedback[(i * rows) + i];
            for (int c = 0; c < columns; c++)
            {
                byte level = JudgeGraphWriter.SignedLevel(row[c], scales[c], levels);
                values[(i * columns) + c] = level;
                error[c] = (row[c] - ((sbyte)level * scales[c])) / pivot;
            }
            for (int j = i + 1; j < rows; j++)
            {
                float f = feedback[(i * rows) + j];
                if (f != 0)
                {
                    SubtractScaled(w.AsSpan(j * columns, columns), error, f);
                }
            }
        }
        return (values, scales);
    }

    /// <summary>
    /// The upper Cholesky factor <c>U</c> of the inverse of the damped second moments (<c>H⁻¹ = UᵀU</c>), row-major, in
    /// 32-bit floats; an input never seen (zero on the diagonal) gets 1 there, so it takes no error and passes none on.
    /// </summary>
    internal static float[] InverseFactor(double[] secondMoments, int n)
    {
        var h = (double[])secondMoments.Clone();
        double mean = 0;
        for (int i = 0; i < n; i++)
        {
            mean += h[(i * n) + i];
        }
        mean /= n;
        double damp = Damping * (mean > 0 ? mean : 1);
        for (int i = 0; i < n; i++)
        {
            if (h[(i * n) + i] == 0)
            {
                h[(i * n) + i] = 1;
            }
            h[(i * n) + i] += damp;
        }
        using var scope = NewDisposeScope();
        Tensor moments = tensor(h, [n, n]);
        Tensor inverse = linalg.inv(moments);
        inverse = (inverse + inverse.t()) / 2; // symmetric to rounding, as the factorisation needs
        Tensor upper = linalg.cholesky(inverse).t().contiguous();
        return upper.to_type(ScalarType.Float32).data<float>().ToArray();
    }

    private static void SubtractScaled(Span<float> target, ReadOnlySpan<float> values, float factor)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var f = new Vector<float>(factor);
            for (; i <= target.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                (new Vector<float>(target[i..]) - (new Vector<float>(values[i..]) * f)).CopyTo(target[i..]);
            }
        }
        for (; i < target.Length; i++)
        {
            target[i] -= values[i] * factor;
        }
    }
}
