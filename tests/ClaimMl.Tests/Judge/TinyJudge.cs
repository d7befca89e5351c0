using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Google.Protobuf;
using Onnx;

namespace ClaimMl.Tests.Judge;

/// <summary>
/// The shape of a tiny judge graph: by default the judge's contract (int64 <c>input_ids</c>,
/// <c>attention_mask</c>, <c>token_type_ids</c> [batch, sequence]; float <c>logits</c> [batch, 3]); each
/// knob breaks it in one way, for the load-time checks.
/// </summary>
internal sealed record TinyGraphShape
{
    public string IdsName { get; init; } = "input_ids";
    public string MaskName { get; init; } = "attention_mask";
    public string TypesName { get; init; } = "token_type_ids";
    public string LogitsName { get; init; } = "logits";

    /// <summary>The attention mask's element type (int64 in the contract).</summary>
    public TensorProto.Types.DataType MaskType { get; init; } = TensorProto.Types.DataType.Int64;

    /// <summary>Declares <c>token_type_ids</c> as [sequence] (rank 1) instead of [batch, sequence].</summary>
    public bool TypesRankOne { get; init; }

    /// <summary>Declares <c>input_ids</c> with these fixed dimensions instead of free ones.</summary>
    public long[]? FixedIdsShape { get; init; }

    /// <summary>Logits per pair (3 in the contract).</summary>
    public int Classes { get; init; } = 3;

    /// <summary>Casts the logits to double at the end.</summary>
    public bool DoubleLogits { get; init; }

    /// <summary>Adds a fourth int64 [batch, sequence] input that the graph ignores.</summary>
    public string? ExtraInput { get; init; }
}

/// <summary>
/// A tiny judge model built in the test: a BERT-like vocabulary of the words below and an ONNX graph (opset
/// 13) that averages the word and segment embeddings of the unmasked tokens, then
/// <c>logits = tanh(mean · W1) · W2 + b</c>. Small (a few KB), fast, and padding-invariant like BERT: a pair's
/// logits depend only on its own tokens, so batching and padding must not change them. <see cref="Reference"/>
/// computes the same probabilities in C# from the same weights.
/// </summary>
internal sealed class TinyJudge
{
    public const int Dimension = 16;
    public const int Hidden = 16;
    public const int MaxTokens = 48;
    public const int MaxClaimTokens = 16;

    private static readonly string[] Specials = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"];

    private static readonly string[] Words =
    [
        ".", ",", "the", "a", "of", "to", "in", "on", "and", "was", "were", "is", "not", "no", "by", "at", "for", "said", "says",
        "bridge", "river", "council", "mayor", "city", "closed", "reopened", "monday", "tuesday", "traffic", "vehicles", "day",
        "thousand", "twelve", "three", "inspectors", "found", "cracks", "steel", "repairs", "will", "take", "weeks", "months",
        "engineers", "report", "denied", "that", "it", "has", "been", "safe", "ferry", "service", "residents", "detour", "trains",
        "##s", "##ed", "##ing",
    ];

    /// <summary>The vocabulary, one token a line, ids in line order.</summary>
    public static string[] Vocabulary { get; } = [.. Specials, .. Words];

    public float[] WordEmbeddings { get; }
    public float[] SegmentEmbeddings { get; }
    public float[] W1 { get; }
    public float[] W2 { get; }
    public float[] Bias { get; }

    public TinyJudge(int seed = 7, int classes = 3)
    {
        var random = new Random(seed);
        float[] Weights(int n, float scale) => Enumerable.Range(0, n).Select(_ => (random.NextSingle() * 2 - 1) * scale).ToArray();
        WordEmbeddings = Weights(Vocabulary.Length * Dimension, 1f);
        SegmentEmbeddings = Weights(2 * Dimension, 1f);
        W1 = Weights(Dimension * Hidden, 0.8f);
        W2 = Weights(Hidden * classes, 1.5f);
        Bias = Weights(classes, 0.3f);
    }

    /// <summary>The ONNX graph, with the given shape (the contract by default).</summary>
    public byte[] Graph(TinyGraphShape? shape = null)
    {
        shape ??= new TinyGraphShape();
        var graph = new GraphProto { Name = "tiny-judge" };
        graph.Initializer.Add(FloatTensor("word_embeddings", WordEmbeddings, Vocabulary.Length, Dimension));
        graph.Initializer.Add(FloatTensor("segment_embeddings", SegmentEmbeddings, 2, Dimension));
        graph.Initializer.Add(FloatTensor("w1", W1, Dimension, Hidden));
        graph.Initializer.Add(FloatTensor("w2", W2, Hidden, shape.Classes));
        graph.Initializer.Add(FloatTensor("bias", Bias, shape.Classes));
        graph.Initializer.Add(Int64Tensor("axis1", [1], 1));
        graph.Initializer.Add(Int64Tensor("axis2", [2], 1));

        graph.Input.Add(Value(shape.IdsName, TensorProto.Types.DataType.Int64, shape.FixedIdsShape is { } fixedShape ? [.. fixedShape.Select(d => (object)d)] : ["batch", "sequence"]));
        graph.Input.Add(Value(shape.MaskName, shape.MaskType, ["batch", "sequence"]));
        graph.Input.Add(Value(shape.TypesName, TensorProto.Types.DataType.Int64, shape.TypesRankOne ? ["sequence"] : ["batch", "sequence"]));
        if (shape.ExtraInput is { } extra)
        {
            graph.Input.Add(Value(extra, TensorProto.Types.DataType.Int64, ["batch", "sequence"]));
        }

        graph.Node.Add(Node("Gather", ["word_embeddings", shape.IdsName], ["words"]));
        graph.Node.Add(Node("Gather", ["segment_embeddings", shape.TypesName], ["segments"]));
        graph.Node.Add(Node("Add", ["words", "segments"], ["tokens"]));
        graph.Node.Add(Node("Cast", [shape.MaskName], ["mask"], Attribute("to", (long)TensorProto.Types.DataType.Float)));
        graph.Node.Add(Node("Unsqueeze", ["mask", "axis2"], ["mask3"]));
        graph.Node.Add(Node("Mul", ["tokens", "mask3"], ["masked"]));
        graph.Node.Add(Node("ReduceSum", ["masked", "axis1"], ["sum"], Attribute("keepdims", 0)));
        graph.Node.Add(Node("ReduceSum", ["mask", "axis1"], ["count"], Attribute("keepdims", 1)));
        graph.Node.Add(Node("Div", ["sum", "count"], ["mean"]));
        graph.Node.Add(Node("MatMul", ["mean", "w1"], ["z"]));
        graph.Node.Add(Node("Tanh", ["z"], ["hidden"]));
        graph.Node.Add(Node("MatMul", ["hidden", "w2"], ["scores"]));
        if (shape.DoubleLogits)
        {
            graph.Node.Add(Node("Add", ["scores", "bias"], ["float_logits"]));
            graph.Node.Add(Node("Cast", ["float_logits"], [shape.LogitsName], Attribute("to", (long)TensorProto.Types.DataType.Double)));
            graph.Output.Add(Value(shape.LogitsName, TensorProto.Types.DataType.Double, ["batch", (long)shape.Classes]));
        }
        else
        {
            graph.Node.Add(Node("Add", ["scores", "bias"], [shape.LogitsName]));
            graph.Output.Add(Value(shape.LogitsName, TensorProto.Types.DataType.Float, ["batch", (long)shape.Classes]));
        }

        var model = new ModelProto { IrVersion = 8, ProducerName = "ClaimMl.Tests", Graph = graph };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = string.Empty, Version = 13 });
        return model.ToByteArray();
    }

    /// <summary>
    /// The probabilities the graph should give for an encoded pair, computed here in double precision: the
    /// mean of word + segment embeddings over the pair's tokens, tanh of its product with W1, times W2, plus the bias, softmax.
    /// </summary>
    public double[] Reference(int[] ids, int[] segments)
    {
        var mean = new double[Dimension];
        for (int t = 0; t < ids.Length; t++)
        {
            for (int d = 0; d < Dimension; d++)
            {
                mean[d] += WordEmbeddings[ids[t] * Dimension + d] + SegmentEmbeddings[segments[t] * Dimension + d];
            }
        }
        var hidden = new double[Hidden];
        for (int h = 0; h < Hidden; h++)
        {
            double z = 0;
            for (int d = 0; d < Dimension; d++)
            {
                z += mean[d] / ids.Length * W1[d * Hidden + h];
            }
            hidden[h] = Math.Tanh(z);
        }
        int classes = Bias.Length;
        var logits = new double[classes];
        for (int c = 0; c < classes; c++)
        {
            logits[c] = Bias[c];
            for (int h = 0; h < Hidden; h++)
            {
                logits[c] += hidden[h] * W2[h * classes + c];
            }
        }
        double max = logits.Max();
        double[] e = logits.Select(l => Math.Exp(l - max)).ToArray();
        double sum = e.Sum();
        return e.Select(x => x / sum).ToArray();
    }

    private static TensorProto FloatTensor(string name, float[] values, params long[] dims)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Float };
        tensor.Dims.AddRange(dims);
        tensor.FloatData.AddRange(values);
        return tensor;
    }

    private static TensorProto Int64Tensor(string name, long[] values, params long[] dims)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Int64 };
        tensor.Dims.AddRange(dims);
        tensor.Int64Data.AddRange(values);
        return tensor;
    }

    /// <summary>A graph input or output: a tensor of <paramref name="type"/>, each dimension a name (free) or a number (fixed).</summary>
    private static ValueInfoProto Value(string name, TensorProto.Types.DataType type, object[] dims)
    {
        var tensorShape = new TensorShapeProto();
        foreach (object dim in dims)
        {
            tensorShape.Dim.Add(dim is string symbol ? new TensorShapeProto.Types.Dimension { DimParam = symbol } : new TensorShapeProto.Types.Dimension { DimValue = (long)dim });
        }
        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)type, Shape = tensorShape } },
        };
    }

    private static NodeProto Node(string op, string[] inputs, string[] outputs, params AttributeProto[] attributes)
    {
        var node = new NodeProto { OpType = op, Name = op + "_" + outputs[0] };
        node.Input.AddRange(inputs);
        node.Output.AddRange(outputs);
        node.Attribute.AddRange(attributes);
        return node;
    }

    private static AttributeProto Attribute(string name, long value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };
}

/// <summary>
/// A judge model zip put together in the test, entry by entry: by default a valid one (the tiny graph, its
/// vocabulary and a manifest recording both SHA-256). Tests edit the manifest or the entries, then call
/// <see cref="ToBytes"/>.
/// </summary>
internal sealed class JudgeZipBuilder
{
    public JudgeZipBuilder(TinyJudge? judge = null, TinyGraphShape? shape = null)
    {
        judge ??= new TinyJudge();
        Entries["model.onnx"] = judge.Graph(shape);
        Entries["vocab.txt"] = Encoding.UTF8.GetBytes(string.Join('\n', TinyJudge.Vocabulary) + "\n");
        Manifest = new JsonObject
        {
            ["format"] = 1,
            ["labels"] = new JsonArray("entails", "contradicts", "neither"),
            ["maxTokens"] = TinyJudge.MaxTokens,
            ["maxClaimTokens"] = TinyJudge.MaxClaimTokens,
            ["model"] = new JsonObject { ["file"] = "model.onnx", ["sha256"] = Sha256(Entries["model.onnx"]) },
            ["vocab"] = new JsonObject { ["file"] = "vocab.txt", ["sha256"] = Sha256(Entries["vocab.txt"]) },
            ["encoder"] = "tiny mean-of-embeddings test encoder",
            ["layers"] = 1,
            ["quantization"] = "none",
            ["verdict"] = new JsonObject { ["contradicts"] = 0.5, ["entails"] = 0.6 },
            ["trainedOn"] = new JsonArray("nothing: random weights"),
            ["seed"] = 7,
            ["command"] = "built by JudgeZipBuilder",
        };
    }

    /// <summary>The entries besides the manifest, by name.</summary>
    public Dictionary<string, byte[]> Entries { get; } = new(StringComparer.Ordinal);

    /// <summary>The manifest; written as <c>judge.json</c> unless <see cref="ManifestText"/> is set.</summary>
    public JsonObject Manifest { get; }

    /// <summary>Raw text for <c>judge.json</c> instead of <see cref="Manifest"/>.</summary>
    public string? ManifestText { get; set; }

    /// <summary>Leaves <c>judge.json</c> out.</summary>
    public bool OmitManifest { get; set; }

    /// <summary>Records the SHA-256 of the current entries in the manifest (after replacing one on purpose).</summary>
    public JudgeZipBuilder RecordHashes()
    {
        Manifest["model"]!["sha256"] = Sha256(Entries["model.onnx"]);
        Manifest["vocab"]!["sha256"] = Sha256(Entries["vocab.txt"]);
        return this;
    }

    public byte[] ToBytes()
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            if (!OmitManifest)
            {
                Write(zip, "judge.json", Encoding.UTF8.GetBytes(ManifestText ?? Manifest.ToJsonString()));
            }
            foreach ((string name, byte[] content) in Entries)
            {
                Write(zip, name, content);
            }
        }
        return buffer.ToArray();
    }

    public static string Sha256(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));

    private static void Write(ZipArchive zip, string name, byte[] content)
    {
        using Stream entry = zip.CreateEntry(name, CompressionLevel.Fastest).Open();
        entry.Write(content);
    }
}
