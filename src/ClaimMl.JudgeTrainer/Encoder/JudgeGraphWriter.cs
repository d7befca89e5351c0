using System.Runtime.InteropServices;
using ClaimMl.Entailment;
using Google.Protobuf;
using Onnx;

namespace ClaimMl.JudgeTrainer.Encoder;

/// <summary>How the judge's weights are stored in its graph.</summary>
internal enum JudgeQuantization
{
    /// <summary>32-bit floats, as trained.</summary>
    None,

    /// <summary>
    /// 8-bit: every weight matrix of a <c>MatMul</c> as unsigned 8-bit integers with a scale and zero point per
    /// output column, run by ONNX Runtime's <c>DynamicQuantizeMatMul</c> (inputs quantized per call); the word
    /// embedding table as 8-bit integers with a scale and zero point per row, dequantized after the lookup.
    /// Unsigned weights (U8U8) avoid the 16-bit saturation of U8S8 kernels on AVX2 CPUs without VNNI.
    /// </summary>
    Int8,

    /// <summary>
    /// Signed 7-bit: every weight matrix of a <c>MatMul</c> as signed integers in −63..63 (stored as 8-bit) with a scale
    /// per output column and no zero point, run by <c>DynamicQuantizeMatMul</c> with unsigned 8-bit inputs (U8S8, the
    /// kernels ONNX Runtime makes fastest on x86-64); the word embedding table as for <see cref="Int8"/>. Seven bits
    /// keep every pair of products a U8S8 kernel adds in 16 bits (255 × 64 × 2 &lt; 32,768), so CPUs with AVX2 but
    /// without VNNI give the same results as those with it.
    /// </summary>
    Int7,
}

/// <summary>The names of <see cref="JudgeQuantization"/> values in a judge's manifest and on the command line.</summary>
internal static class JudgeQuantizations
{
    /// <summary>The names: those a judge's manifest may record (<see cref="JudgeManifest.Quantizations"/>), in the order of the enum.</summary>
    public static readonly string[] Names = [.. JudgeManifest.Quantizations];

    /// <summary>The name of <paramref name="quantization"/>.</summary>
    public static string Name(JudgeQuantization quantization) => Names[(int)quantization];

    /// <summary>The quantization named <paramref name="name"/> (one of <see cref="Names"/>).</summary>
    public static JudgeQuantization Parse(string name)
    {
        int at = Array.IndexOf(Names, name);
        return at >= 0 ? (JudgeQuantization)at : throw new ArgumentException($"Unknown weight storage '{name}'; expected one of {string.Join(", ", Names)}.", nameof(name));
    }
}

/// <summary>
/// Writes the judge's ONNX graph: the pretrained encoder's graph with the fine-tuned weights written back into
/// it (matrices transposed back to the <c>[in, out]</c> layout of the export), cut after the first
/// <c>layers</c> transformer layers if asked, and a classification head (<c>Gemm</c> on the pooled output) whose
/// output <c>logits</c> [batch, classes] is the graph's only output. Nodes and weights no longer needed are removed.
/// </summary>
internal static class JudgeGraphWriter
{
    public const string LogitsOutput = "logits";
    internal const string ClassifierWeight = "classifier.weight";
    internal const string ClassifierBias = "classifier.bias";

    /// <summary>What a quantized weight's initializer adds to the 32-bit one's name; its scales' and zero points'.</summary>
    internal const string QuantizedSuffix = "_quantized", ScaleSuffix = "_scale", ZeroPointSuffix = "_zero_point";
    private const string MicrosoftDomain = "com.microsoft";

    /// <summary>The graph's bytes.</summary>
    /// <param name="graph">The pretrained encoder's graph.</param>
    /// <param name="weights">Every parameter of the trained <see cref="CrossEncoder"/> by name, PyTorch layout.</param>
    /// <param name="layers">Transformer layers to keep (the trained model's).</param>
    /// <param name="quantization">How to store the weights.</param>
    /// <param name="inputSecondMoments">
    /// For <see cref="JudgeQuantization.Int7"/> only: the second moments of each weight's inputs by weight name
    /// (<see cref="InputStatistics.Collect"/>); the weights they name are rounded by <see cref="CalibratedRounding"/>,
    /// the others to the nearest level.
    /// </param>
    public static byte[] Write(EncoderGraph graph, IReadOnlyDictionary<string, (float[] Values, long[] Shape)> weights, int layers, JudgeQuantization quantization,
        IReadOnlyDictionary<string, double[]>? inputSecondMoments = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(layers, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(layers, graph.Shape.Layers);
        if (inputSecondMoments is not null && quantization != JudgeQuantization.Int7)
        {
            throw new ArgumentException($"Calibrated rounding is for weights stored as int7, not {JudgeQuantizations.Name(quantization)}.", nameof(quantization));
        }
        ModelProto model = graph.Model.Clone();
        GraphProto g = model.Graph;
        var initializers = g.Initializer.ToDictionary(t => t.Name, StringComparer.Ordinal);

        foreach (EncoderWeight weight in graph.Weights.Values)
        {
            if (LayerOf(weight.Name) is int layer && layer >= layers)
            {
                continue; // cut below
            }
            if (!weights.TryGetValue(weight.Name, out var trained))
            {
                throw new InvalidDataException($"The trained model has no parameter '{weight.Name}'.");
            }
            float[] stored = weight.Transposed ? EncoderGraph.Transpose(trained.Values, (int)weight.Shape[0], (int)weight.Shape[1]) : trained.Values;
            SetFloats(initializers[weight.Initializer], stored);
        }

        // The pooler reads the last kept layer's output; a graph without one gets one, with the trained weights.
        string lastNorm = $"encoder.layer.{layers - 1}.output.LayerNorm.bias";
        string lastHidden = g.Node.Single(n => n.OpType == "Add" && n.Input.Contains(lastNorm)).Output[0];
        string pooled = graph.HasPooler ? RewirePooler(g, lastHidden) : AddPooler(g, lastHidden, weights);

        // The head.
        var (headWeight, headShape) = weights[ClassifierWeight];
        var (headBias, _) = weights[ClassifierBias];
        g.Initializer.Add(FloatTensor(ClassifierWeight, headWeight, headShape));
        g.Initializer.Add(FloatTensor(ClassifierBias, headBias, [headBias.Length]));
        var head = new NodeProto { Name = "classifier", OpType = "Gemm" };
        head.Input.AddRange([pooled, ClassifierWeight, ClassifierBias]);
        head.Output.Add(LogitsOutput);
        head.Attribute.Add(new AttributeProto { Name = "transB", Type = AttributeProto.Types.AttributeType.Int, I = 1 });
        g.Node.Add(head);

        g.Output.Clear();
        g.Output.Add(FloatOutput(LogitsOutput, (int)headShape[0]));
        g.ValueInfo.Clear();
        Prune(g);

        if (quantization != JudgeQuantization.None)
        {
            Dictionary<string, double[]>? momentsByInitializer = inputSecondMoments is null ? null : graph.Weights.Values
                .Where(w => inputSecondMoments.ContainsKey(w.Name))
                .ToDictionary(w => w.Initializer, w => inputSecondMoments[w.Name], StringComparer.Ordinal);
            Quantize(model, signedWeights: quantization == JudgeQuantization.Int7, momentsByInitializer);
        }
        model.ProducerName = "ClaimMl.JudgeTrainer";
        model.ProducerVersion = typeof(JudgeGraphWriter).Assembly.GetName().Version?.ToString() ?? string.Empty;
        return model.ToByteArray();
    }

    /// <summary>Points the graph's own pooler at <paramref name="lastHidden"/> (the last kept layer) and returns its output's name.</summary>
    private static string RewirePooler(GraphProto g, string lastHidden)
    {
        NodeProto poolerGemm = g.Node.Single(n => n.OpType == "Gemm" && n.Input.Contains(EncoderGraph.PoolerWeight));
        NodeProto poolerGather = g.Node.Single(n => n.Output.Contains(poolerGemm.Input[0]) && n.OpType == "Gather");
        poolerGather.Input[0] = lastHidden;
        return g.Node.Single(n => n.OpType == "Tanh" && n.Input[0] == poolerGemm.Output[0]).Output[0];
    }

    /// <summary>
    /// Adds BERT's pooler to a graph exported without it: the <c>[CLS]</c> state of <paramref name="lastHidden"/>
    /// (<c>Gather</c> of position 0), a dense layer with the trained pooler's weights (<c>Gemm</c>) and tanh; returns
    /// the tanh's output name.
    /// </summary>
    private static string AddPooler(GraphProto g, string lastHidden, IReadOnlyDictionary<string, (float[] Values, long[] Shape)> weights)
    {
        const string Index = "pooler.cls_index", Cls = "pooler.cls", Dense = "pooler.dense", Pooled = "pooler.output";
        var (weight, weightShape) = weights[EncoderGraph.PoolerWeight];
        var (bias, _) = weights[EncoderGraph.PoolerBias];
        g.Initializer.Add(FloatTensor(EncoderGraph.PoolerWeight, weight, weightShape));
        g.Initializer.Add(FloatTensor(EncoderGraph.PoolerBias, bias, [bias.Length]));
        var index = new TensorProto { Name = Index, DataType = (int)TensorProto.Types.DataType.Int64 };
        index.Int64Data.Add(0);
        g.Initializer.Add(index);
        var gather = new NodeProto { Name = "pooler_gather", OpType = "Gather" };
        gather.Input.AddRange([lastHidden, Index]);
        gather.Output.Add(Cls);
        gather.Attribute.Add(new AttributeProto { Name = "axis", Type = AttributeProto.Types.AttributeType.Int, I = 1 });
        var dense = new NodeProto { Name = "pooler_dense", OpType = "Gemm" };
        dense.Input.AddRange([Cls, EncoderGraph.PoolerWeight, EncoderGraph.PoolerBias]);
        dense.Output.Add(Dense);
        dense.Attribute.Add(new AttributeProto { Name = "transB", Type = AttributeProto.Types.AttributeType.Int, I = 1 });
        var tanh = new NodeProto { Name = "pooler_tanh", OpType = "Tanh" };
        tanh.Input.Add(Dense);
        tanh.Output.Add(Pooled);
        g.Node.AddRange([gather, dense, tanh]);
        return Pooled;
    }

    /// <summary>The layer index in a parameter name (<c>encoder.layer.3.…</c> → 3), or null.</summary>
    internal static int? LayerOf(string name)
    {
        const string prefix = "encoder.layer.";
        if (!name.StartsWith(prefix, StringComparison.Ordinal))
        {
            return null;
        }
        int end = name.IndexOf('.', prefix.Length);
        return int.Parse(name.AsSpan(prefix.Length, end - prefix.Length), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Removes the nodes no output depends on, and the initializers no node reads.</summary>
    private static void Prune(GraphProto g)
    {
        var producer = new Dictionary<string, NodeProto>(StringComparer.Ordinal);
        foreach (NodeProto node in g.Node)
        {
            foreach (string output in node.Output)
            {
                producer[output] = node;
            }
        }
        var needed = new HashSet<NodeProto>();
        var pending = new Stack<string>(g.Output.Select(o => o.Name));
        var read = new HashSet<string>(StringComparer.Ordinal);
        while (pending.Count > 0)
        {
            string value = pending.Pop();
            if (!read.Add(value))
            {
                continue;
            }
            if (producer.TryGetValue(value, out NodeProto? node) && needed.Add(node))
            {
                foreach (string input in node.Input)
                {
                    pending.Push(input);
                }
            }
        }
        var kept = g.Node.Where(needed.Contains).ToList();
        g.Node.Clear();
        g.Node.AddRange(kept);
        var initializers = g.Initializer.Where(t => read.Contains(t.Name)).ToList();
        g.Initializer.Clear();
        g.Initializer.AddRange(initializers);
    }

    /// <summary>
    /// Rewrites the graph's weight matrices and word embeddings to 8 bits: unsigned with zero points (see
    /// <see cref="JudgeQuantization.Int8"/>) or, with <paramref name="signedWeights"/>, the matrices signed 7-bit without
    /// (see <see cref="JudgeQuantization.Int7"/>), those with second moments of their inputs by
    /// <see cref="CalibratedRounding"/>.
    /// </summary>
    private static void Quantize(ModelProto model, bool signedWeights, Dictionary<string, double[]>? momentsByInitializer)
    {
        GraphProto g = model.Graph;
        var initializers = g.Initializer.ToDictionary(t => t.Name, StringComparer.Ordinal);
        var replacements = new List<(NodeProto Old, NodeProto[] New)>();
        var removed = new HashSet<string>(StringComparer.Ordinal);
        foreach (NodeProto node in g.Node)
        {
            if (node.OpType == "MatMul" && initializers.TryGetValue(node.Input[1], out TensorProto? b) && b.Dims.Count == 2)
            {
                int rows = (int)b.Dims[0], columns = (int)b.Dims[1];
                string name = b.Name;
                var quantized = new NodeProto { Name = node.Name + "_quantized", OpType = "DynamicQuantizeMatMul", Domain = MicrosoftDomain };
                if (signedWeights)
                {
                    float[] floats = EncoderGraph.FloatsOf(b);
                    var (values, scales) = momentsByInitializer is not null && momentsByInitializer.TryGetValue(name, out double[]? moments)
                        ? CalibratedRounding.Round(floats, rows, columns, SignedLevels, moments)
                        : QuantizeColumnsSymmetric(floats, rows, columns, SignedLevels);
                    g.Initializer.Add(ByteTensor(name + QuantizedSuffix, values, [rows, columns], TensorProto.Types.DataType.Int8));
                    g.Initializer.Add(FloatTensor(name + ScaleSuffix, scales, [columns]));
                    quantized.Input.AddRange([node.Input[0], name + QuantizedSuffix, name + ScaleSuffix]);
                }
                else
                {
                    var (values, scales, zeros) = QuantizeColumns(EncoderGraph.FloatsOf(b), rows, columns);
                    g.Initializer.Add(ByteTensor(name + QuantizedSuffix, values, [rows, columns]));
                    g.Initializer.Add(FloatTensor(name + ScaleSuffix, scales, [columns]));
                    g.Initializer.Add(ByteTensor(name + ZeroPointSuffix, zeros, [columns]));
                    quantized.Input.AddRange([node.Input[0], name + QuantizedSuffix, name + ScaleSuffix, name + ZeroPointSuffix]);
                }
                quantized.Output.Add(node.Output[0]);
                replacements.Add((node, [quantized]));
                removed.Add(name);
            }
            else if (node.OpType == "Gather" && node.Input[0] == "embeddings.word_embeddings.weight")
            {
                TensorProto table = initializers[node.Input[0]];
                int rows = (int)table.Dims[0], columns = (int)table.Dims[1];
                var (values, scales, zeros) = QuantizeRows(EncoderGraph.FloatsOf(table), rows, columns);
                string name = table.Name, ids = node.Input[1], output = node.Output[0];
                g.Initializer.Add(ByteTensor(name + QuantizedSuffix, values, [rows, columns]));
                g.Initializer.Add(FloatTensor(name + ScaleSuffix, scales, [rows, 1]));
                g.Initializer.Add(FloatTensor(name + ZeroPointSuffix, zeros.Select(z => (float)z).ToArray(), [rows, 1]));
                NodeProto Op(string op, string outName, params string[] inputs)
                {
                    var n = new NodeProto { Name = outName, OpType = op };
                    n.Input.AddRange(inputs);
                    n.Output.Add(outName);
                    return n;
                }
                NodeProto lookup = Op("Gather", output + "_q", name + QuantizedSuffix, ids);
                var cast = Op("Cast", output + "_f", output + "_q");
                cast.Attribute.Add(new AttributeProto { Name = "to", Type = AttributeProto.Types.AttributeType.Int, I = (long)TensorProto.Types.DataType.Float });
                NodeProto zero = Op("Gather", output + "_zp", name + ZeroPointSuffix, ids);
                NodeProto centred = Op("Sub", output + "_c", output + "_f", output + "_zp");
                NodeProto scale = Op("Gather", output + "_s", name + ScaleSuffix, ids);
                var dequantized = new NodeProto { Name = output + "_dequantized", OpType = "Mul" };
                dequantized.Input.AddRange([output + "_c", output + "_s"]);
                dequantized.Output.Add(output);
                replacements.Add((node, [lookup, cast, zero, centred, scale, dequantized]));
                removed.Add(name);
            }
        }
        foreach (var (old, replacement) in replacements)
        {
            int at = g.Node.IndexOf(old);
            g.Node.RemoveAt(at);
            for (int i = 0; i < replacement.Length; i++)
            {
                g.Node.Insert(at + i, replacement[i]);
            }
        }
        var keep = g.Initializer.Where(t => !removed.Contains(t.Name)).ToList();
        g.Initializer.Clear();
        g.Initializer.AddRange(keep);
        if (!model.OpsetImport.Any(o => o.Domain == MicrosoftDomain))
        {
            model.OpsetImport.Add(new OperatorSetIdProto { Domain = MicrosoftDomain, Version = 1 });
        }
    }

    /// <summary>Asymmetric 8-bit quantization of each column of a row-major matrix: value ≈ scale × (q − zero).</summary>
    internal static (byte[] Values, float[] Scales, byte[] Zeros) QuantizeColumns(float[] matrix, int rows, int columns)
    {
        var min = new float[columns];
        var max = new float[columns];
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < columns; c++)
            {
                float v = matrix[(r * columns) + c];
                min[c] = Math.Min(min[c], v);
                max[c] = Math.Max(max[c], v);
            }
        }
        var scales = new float[columns];
        var zeros = new byte[columns];
        for (int c = 0; c < columns; c++)
        {
            (scales[c], zeros[c]) = Range(min[c], max[c]);
        }
        var values = new byte[matrix.Length];
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < columns; c++)
            {
                values[(r * columns) + c] = Quantize(matrix[(r * columns) + c], scales[c], zeros[c]);
            }
        }
        return (values, scales, zeros);
    }

    /// <summary>The largest magnitude of a <see cref="JudgeQuantization.Int7"/> weight.</summary>
    internal const int SignedLevels = 63;

    /// <summary>
    /// Symmetric signed quantization of each column of a row-major matrix: value ≈ scale × q, q in
    /// −<paramref name="levels"/>..<paramref name="levels"/> (two's complement bytes).
    /// </summary>
    internal static (byte[] Values, float[] Scales) QuantizeColumnsSymmetric(float[] matrix, int rows, int columns, int levels)
    {
        float[] scales = SymmetricColumnScales(matrix, rows, columns, levels);
        var values = new byte[matrix.Length];
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < columns; c++)
            {
                values[(r * columns) + c] = SignedLevel(matrix[(r * columns) + c], scales[c], levels);
            }
        }
        return (values, scales);
    }

    /// <summary>The scale of each column of a row-major matrix that maps its largest magnitude onto <paramref name="levels"/> (1 for an all-zero column).</summary>
    internal static float[] SymmetricColumnScales(float[] matrix, int rows, int columns, int levels)
    {
        var largest = new float[columns];
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < columns; c++)
            {
                largest[c] = Math.Max(largest[c], Math.Abs(matrix[(r * columns) + c]));
            }
        }
        var scales = new float[columns];
        for (int c = 0; c < columns; c++)
        {
            scales[c] = largest[c] < 1e-12f ? 1f : largest[c] / levels;
        }
        return scales;
    }

    /// <summary>The nearest level of <paramref name="value"/> at <paramref name="scale"/>, clamped to −<paramref name="levels"/>..<paramref name="levels"/>, as a two's complement byte.</summary>
    internal static byte SignedLevel(float value, float scale, int levels) =>
        unchecked((byte)(sbyte)Math.Clamp(MathF.Round(value / scale), -levels, levels));

    /// <summary>Asymmetric 8-bit quantization of each row of a row-major matrix.</summary>
    internal static (byte[] Values, float[] Scales, byte[] Zeros) QuantizeRows(float[] matrix, int rows, int columns)
    {
        var values = new byte[matrix.Length];
        var scales = new float[rows];
        var zeros = new byte[rows];
        for (int r = 0; r < rows; r++)
        {
            ReadOnlySpan<float> row = matrix.AsSpan(r * columns, columns);
            float min = 0, max = 0;
            foreach (float v in row)
            {
                min = Math.Min(min, v);
                max = Math.Max(max, v);
            }
            (scales[r], zeros[r]) = Range(min, max);
            for (int c = 0; c < columns; c++)
            {
                values[(r * columns) + c] = Quantize(row[c], scales[r], zeros[r]);
            }
        }
        return (values, scales, zeros);
    }

    /// <summary>Scale and zero point mapping [min, max] (which includes 0) onto 0..255, 0 exactly representable.</summary>
    private static (float Scale, byte Zero) Range(float min, float max)
    {
        min = Math.Min(min, 0);
        max = Math.Max(max, 0);
        if (max - min < 1e-12f)
        {
            return (1f, 0);
        }
        float scale = (max - min) / 255f;
        return (scale, (byte)Math.Clamp(MathF.Round(-min / scale), 0, 255));
    }

    private static byte Quantize(float value, float scale, byte zero) => (byte)Math.Clamp(MathF.Round(value / scale) + zero, 0, 255);

    private static void SetFloats(TensorProto tensor, float[] values)
    {
        tensor.FloatData.Clear();
        tensor.RawData = ByteString.CopyFrom(MemoryMarshal.AsBytes(values.AsSpan()));
    }

    private static TensorProto FloatTensor(string name, float[] values, long[] dims)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Float };
        tensor.Dims.AddRange(dims);
        SetFloats(tensor, values);
        return tensor;
    }

    private static TensorProto ByteTensor(string name, byte[] values, long[] dims, TensorProto.Types.DataType type = TensorProto.Types.DataType.Uint8)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)type, RawData = ByteString.CopyFrom(values) };
        tensor.Dims.AddRange(dims);
        return tensor;
    }

    private static ValueInfoProto FloatOutput(string name, int classes)
    {
        var shape = new TensorShapeProto();
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimParam = "batch" });
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = classes });
        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float, Shape = shape } },
        };
    }
}
