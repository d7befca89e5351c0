using Onnx;

namespace ClaimMl.JudgeTrainer.Encoder;

/// <summary>
/// Reads a judge's weights back out of the graph <see cref="JudgeGraphWriter"/> wrote, in PyTorch layout, so that a
/// shipped judge (its 32-bit weights are not shipped) can be fine-tuned further: the weights found by the pretrained
/// encoder's map (<see cref="EncoderGraph.Weights"/>), matrices stored as 8 or 7 bits turned back into floats (the
/// values the graph computes with, so the model starts where the judge is), plus the pooler (when the encoder had none)
/// and the head.
/// </summary>
internal static class JudgeGraphReader
{
    /// <summary>Every parameter of a <see cref="CrossEncoder"/> of <paramref name="layers"/> layers, read from a judge graph.</summary>
    /// <param name="pretrained">The encoder the judge was trained from (its weight map names the graph's initializers).</param>
    /// <param name="judgeGraph">The judge's ONNX graph.</param>
    /// <param name="layers">The judge's transformer layers.</param>
    /// <exception cref="InvalidDataException">The graph is not readable, lacks a weight of the judge, or joins several judges (<see cref="JudgeGraphEnsemble"/>).</exception>
    public static Dictionary<string, (float[] Values, long[] Shape)> Weights(EncoderGraph pretrained, byte[] judgeGraph, int layers)
    {
        ModelProto model = EncoderGraph.Parse(judgeGraph, "judge");
        var initializers = model.Graph.Initializer.ToDictionary(t => t.Name, StringComparer.Ordinal);
        if (initializers.Keys.Any(name => name.StartsWith(JudgeGraphEnsemble.MemberPrefix + "0/", StringComparison.Ordinal)))
        {
            throw new InvalidDataException("The judge graph reads several judges together (export --ensemble); it has no one set of weights. Give one of its judges instead.");
        }
        var result = new Dictionary<string, (float[], long[])>(StringComparer.Ordinal);
        foreach (EncoderWeight weight in pretrained.Weights.Values)
        {
            if (JudgeGraphWriter.LayerOf(weight.Name) is int layer && layer >= layers)
            {
                continue;
            }
            float[] stored = Floats(initializers, weight.Initializer, weight.Name);
            result[weight.Name] = (weight.Transposed ? EncoderGraph.Transpose(stored, (int)weight.Shape[1], (int)weight.Shape[0]) : stored, weight.Shape);
        }
        IEnumerable<string> added = pretrained.HasPooler
            ? [JudgeGraphWriter.ClassifierWeight, JudgeGraphWriter.ClassifierBias]
            : [EncoderGraph.PoolerWeight, EncoderGraph.PoolerBias, JudgeGraphWriter.ClassifierWeight, JudgeGraphWriter.ClassifierBias];
        foreach (string name in added)
        {
            TensorProto tensor = initializers.GetValueOrDefault(name) ?? throw new InvalidDataException($"The judge graph has no '{name}'.");
            result[name] = (EncoderGraph.FloatsOf(tensor), tensor.Dims.ToArray());
        }
        return result;
    }

    /// <summary>
    /// The floats of initializer <paramref name="name"/> as the graph stores it (row-major): 32-bit as written, or
    /// dequantized from the forms <see cref="JudgeGraphWriter"/> writes: a matrix by columns, signed without zero points
    /// (int7) or unsigned with them (int8); the word embeddings by rows, unsigned with zero points.
    /// </summary>
    private static float[] Floats(Dictionary<string, TensorProto> initializers, string name, string parameter)
    {
        if (initializers.TryGetValue(name, out TensorProto? plain))
        {
            return EncoderGraph.FloatsOf(plain);
        }
        if (!initializers.TryGetValue(name + JudgeGraphWriter.QuantizedSuffix, out TensorProto? quantized) || quantized.Dims.Count != 2
            || !initializers.TryGetValue(name + JudgeGraphWriter.ScaleSuffix, out TensorProto? scaleTensor))
        {
            throw new InvalidDataException($"The judge graph has no weight for the parameter '{parameter}' (initializer '{name}', stored or quantized).");
        }
        int rows = (int)quantized.Dims[0], columns = (int)quantized.Dims[1];
        ReadOnlySpan<byte> q = quantized.RawData.Span;
        float[] scales = EncoderGraph.FloatsOf(scaleTensor);
        bool byRow = scaleTensor.Dims.Count == 2; // the word embeddings: [rows, 1]
        float[] zeros = !initializers.TryGetValue(name + JudgeGraphWriter.ZeroPointSuffix, out TensorProto? zeroTensor) ? new float[scales.Length]
            : zeroTensor.DataType == (int)TensorProto.Types.DataType.Float ? EncoderGraph.FloatsOf(zeroTensor)
            : Array.ConvertAll(zeroTensor.RawData.ToByteArray(), b => (float)b);
        bool signed = quantized.DataType == (int)TensorProto.Types.DataType.Int8;
        if (q.Length != rows * columns || scales.Length != (byRow ? rows : columns) || zeros.Length != scales.Length)
        {
            throw new InvalidDataException($"The judge graph's quantized '{name}' does not match its scales or zero points.");
        }
        var values = new float[rows * columns];
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < columns; c++)
            {
                int at = (r * columns) + c, k = byRow ? r : c;
                float level = signed ? unchecked((sbyte)q[at]) : q[at];
                values[at] = (level - zeros[k]) * scales[k];
            }
        }
        return values;
    }
}
